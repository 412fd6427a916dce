#include "core/nudges/rule_id.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace parasol::core::nudges {
namespace {

constexpr std::array<std::pair<RuleId, const char*>, 13> kNames{{
    {RuleId::r1, "R1"},
    {RuleId::r2, "R2"},
    {RuleId::r3, "R3"},
    {RuleId::r4, "R4"},
    {RuleId::r5, "R5"},
    {RuleId::r6, "R6"},
    {RuleId::r7, "R7"},
    {RuleId::r8, "R8"},
    {RuleId::r9, "R9"},
    {RuleId::r10, "R10"},
    {RuleId::r11, "R11"},
    {RuleId::first_week, "first_week"},
    {RuleId::reflection, "reflection"},
}};

}  // namespace

const char* to_string(RuleId rule) {
    for (const auto& [id, name] : kNames) {
        if (id == rule) return name;
    }
    return "unknown";
}

RuleId rule_id_from(std::string_view name) {
    for (const auto& [id, wire] : kNames) {
        if (name == wire) return id;
    }
    return RuleId::unknown;
}

int priority(RuleId rule) {
    if (rule == RuleId::first_week || rule == RuleId::reflection) return -1;
    const auto* at = std::find(kPriorityOrder.begin(), kPriorityOrder.end(), rule);
    return at == kPriorityOrder.end() ? static_cast<int>(kPriorityOrder.size())
                                      : static_cast<int>(at - kPriorityOrder.begin());
}

}  // namespace parasol::core::nudges
