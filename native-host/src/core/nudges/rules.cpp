#include "core/nudges/rules.hpp"

#include "core/nudges/rules/r10_opinion_tether.hpp"
#include "core/nudges/rules/r11_boundary_guard.hpp"
#include "core/nudges/rules/r1_balance_shift.hpp"
#include "core/nudges/rules/r2_connection_drought.hpp"
#include "core/nudges/rules/r3_over_goal.hpp"
#include "core/nudges/rules/r4_late_nights.hpp"
#include "core/nudges/rules/r5_checking_loop.hpp"
#include "core/nudges/rules/r6_absorption.hpp"
#include "core/nudges/rules/r7_spending.hpp"
#include "core/nudges/rules/r8_chat.hpp"
#include "core/nudges/rules/r9_ramp_up.hpp"

namespace parasol::core::nudges {

std::vector<Finding> evaluate_rules(const Signals& signals, const Settings& settings) {
    std::vector<Finding> out;
    for (RuleId rule : kPriorityOrder) {
        std::optional<Finding> f;
        switch (rule) {
            case RuleId::r1:
                f = evaluate_r1(signals, settings.r1);
                break;
            case RuleId::r2:
                f = evaluate_r2(signals, settings.r2);
                break;
            case RuleId::r3:
                f = evaluate_r3(signals, settings.r3);
                break;
            case RuleId::r4:
                f = evaluate_r4(signals, settings.r4);
                break;
            case RuleId::r5:
                f = evaluate_r5(signals, settings.r5);
                break;
            case RuleId::r6:
                f = evaluate_r6(signals, settings.r6);
                break;
            case RuleId::r7:
                f = evaluate_r7(signals, settings.r7);
                break;
            case RuleId::r8:
                f = evaluate_r8(signals, settings.r8);
                break;
            case RuleId::r9:
                f = evaluate_r9(signals, settings.r9);
                break;
            case RuleId::r10:
                f = evaluate_r10(signals, settings.r10);
                break;
            case RuleId::r11:
                f = evaluate_r11(signals, settings.r11);
                break;
            default:
                break;
        }
        if (f) out.push_back(std::move(*f));
    }
    return out;
}

}  // namespace parasol::core::nudges
