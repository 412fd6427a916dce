#pragma once
// Typed, strict reads of JSON values, each failing with ProtocolError
// `invalid` naming the field (JsonPath) and the rule it broke. The readers are
// small function objects so a field's rule reads as one expression:
//     r.required("days", Integer<int>{1, 366})
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "protocol/json_path.hpp"

namespace parasol::protocol {

using nlohmann::json;

constexpr std::int64_t kMaxInstant = 9007199254740991;  // 2^53 - 1: exact in a JS number

// Letters and digits plus a few punctuation marks; `describe` is how messages name the set.
struct Charset {
    bool upper;                    // A-Z allowed
    std::string_view punctuation;  // beyond [a-z0-9]
    std::string_view describe;
};
inline constexpr Charset kEnvelopeIdChars{true, "._:-", "[A-Za-z0-9._:-]"};
inline constexpr Charset kRecordIdChars{true, "_-", "[A-Za-z0-9_-]"};
inline constexpr Charset kPlatformChars{false, ".-", "[a-z0-9.-]"};

// Unicode code points in valid UTF-8 (the parser has already checked it).
std::size_t count_code_points(std::string_view utf8);

std::int64_t read_integer(const json& v, const JsonPath& p, std::int64_t min, std::int64_t max);
double read_number(const json& v, const JsonPath& p, double min, double max);
std::string read_text(const json& v, const JsonPath& p, std::size_t min_chars,
                      std::size_t max_chars, const Charset* charset = nullptr);
bool read_bool(const json& v, const JsonPath& p);
core::LocalDate read_date(const json& v, const JsonPath& p);
const json& read_object(const json& v, const JsonPath& p);
const json& read_array(const json& v, const JsonPath& p, std::size_t max_items);

template <class T>
struct Integer {
    T min;
    T max;
    T operator()(const json& v, const JsonPath& p) const {
        return static_cast<T>(read_integer(v, p, min, max));
    }
};
inline constexpr Integer<core::Instant> kInstant{0, kMaxInstant};

struct Number {
    double min;
    double max;
    double operator()(const json& v, const JsonPath& p) const {
        return read_number(v, p, min, max);
    }
};

struct Text {
    std::size_t min_chars;
    std::size_t max_chars;
    const Charset* charset = nullptr;
    std::string operator()(const json& v, const JsonPath& p) const {
        return read_text(v, p, min_chars, max_chars, charset);
    }
};

struct Boolean {
    bool operator()(const json& v, const JsonPath& p) const { return read_bool(v, p); }
};

struct Date {
    core::LocalDate operator()(const json& v, const JsonPath& p) const { return read_date(v, p); }
};

// A string naming an enumerator; `from` maps unknown names to E::unknown.
template <class E>
struct Choice {
    E (*from)(std::string_view);
    std::string_view names;  // "creator, connection"
    E operator()(const json& v, const JsonPath& p) const {
        const E value = v.is_string() ? from(v.get_ref<const std::string&>()) : E::unknown;
        if (value == E::unknown) throw p.invalid("must be one of " + std::string(names));
        return value;
    }
};

// One JSON object read field by field. Construction rejects any key not in
// `known`, so unknown fields fail before any value is looked at.
class ObjectReader {
public:
    ObjectReader(const json& value, JsonPath path, std::initializer_list<std::string_view> known);

    [[nodiscard]] const JsonPath& path() const { return path_; }
    [[nodiscard]] JsonPath at(std::string_view key) const { return path_.key(key); }
    [[nodiscard]] const json* find(std::string_view key) const;
    [[nodiscard]] const json& need(std::string_view key) const;  // throws "is required"

    template <class Read>
    auto required(std::string_view key, Read read) const {
        return read(need(key), at(key));
    }
    template <class Read>
    auto optional(std::string_view key, Read read) const
        -> std::optional<decltype(read(std::declval<const json&>(), std::declval<JsonPath>()))> {
        const json* v = find(key);
        if (v == nullptr) return std::nullopt;
        return read(*v, at(key));
    }

private:
    const json& value_;
    JsonPath path_;
};

}  // namespace parasol::protocol
