#include "protocol/json_reader.hpp"

#include <algorithm>
#include <cctype>

namespace parasol::protocol {
namespace {

std::string range_rule(std::string_view what, std::int64_t min, std::int64_t max) {
    return "must be " + std::string(what) + " from " + std::to_string(min) + " to " +
           std::to_string(max);
}

std::string number_text(double x) {
    return json(x).dump();
}  // 0.5, not 0.500000

bool in_charset(char c, const Charset& set) {
    const auto u = static_cast<unsigned char>(c);
    if (std::islower(u) != 0 || std::isdigit(u) != 0) return true;
    if (set.upper && std::isupper(u) != 0) return true;
    return set.punctuation.find(c) != std::string_view::npos;
}

}  // namespace

std::size_t count_code_points(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }));
}

std::int64_t read_integer(const json& v, const JsonPath& p, std::int64_t min, std::int64_t max) {
    if (!v.is_number_integer()) throw p.invalid("must be an integer");
    bool in_range = false;
    std::int64_t n = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        in_range = max >= 0 && u <= static_cast<std::uint64_t>(max);
        n = in_range ? static_cast<std::int64_t>(u) : 0;
        in_range = in_range && n >= min;
    } else {
        n = v.get<std::int64_t>();
        in_range = n >= min && n <= max;
    }
    if (!in_range) throw p.invalid(range_rule("an integer", min, max));
    return n;
}

double read_number(const json& v, const JsonPath& p, double min, double max) {
    if (!v.is_number()) throw p.invalid("must be a number");
    const double x = v.get<double>();
    if (!(x >= min && x <= max)) {
        throw p.invalid("must be a number from " + number_text(min) + " to " + number_text(max));
    }
    return x;
}

std::string read_text(const json& v, const JsonPath& p, std::size_t min_chars,
                      std::size_t max_chars, const Charset* charset) {
    if (!v.is_string()) throw p.invalid("must be a string");
    const auto& s = v.get_ref<const std::string&>();
    const std::size_t n = count_code_points(s);
    const bool chars_ok = charset == nullptr || std::all_of(s.begin(), s.end(), [&](char c) {
                              return in_charset(c, *charset);
                          });
    if (n < min_chars || n > max_chars || !chars_ok) {
        std::string rule = "must be ";
        if (min_chars == 0) {
            rule += "at most " + std::to_string(max_chars);
        } else if (min_chars == max_chars) {
            rule += "exactly " + std::to_string(min_chars);
        } else {
            rule += std::to_string(min_chars) + " to " + std::to_string(max_chars);
        }
        rule += " characters";
        if (charset != nullptr) rule += " of " + std::string(charset->describe);
        throw p.invalid(rule);
    }
    return s;
}

bool read_bool(const json& v, const JsonPath& p) {
    if (!v.is_boolean()) throw p.invalid("must be true or false");
    return v.get<bool>();
}

core::LocalDate read_date(const json& v, const JsonPath& p) {
    std::optional<core::LocalDate> date;
    if (v.is_string()) date = core::LocalDate::parse(v.get_ref<const std::string&>());
    if (!date) throw p.invalid("must be a real date written YYYY-MM-DD");
    return *date;
}

const json& read_object(const json& v, const JsonPath& p) {
    if (!v.is_object()) throw p.invalid("must be an object");
    return v;
}

const json& read_array(const json& v, const JsonPath& p, std::size_t max_items) {
    if (!v.is_array()) throw p.invalid("must be an array");
    if (v.size() > max_items) {
        throw p.invalid("must hold at most " + std::to_string(max_items) + " items");
    }
    return v;
}

ObjectReader::ObjectReader(const json& value, JsonPath path,
                           std::initializer_list<std::string_view> known)
    : value_(read_object(value, path)), path_(std::move(path)) {
    for (const auto& item : value_.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
            throw at(item.key()).invalid("is not a known field");
        }
    }
}

const json* ObjectReader::find(std::string_view key) const {
    const auto it = value_.find(key);
    return it == value_.end() ? nullptr : &*it;
}

const json& ObjectReader::need(std::string_view key) const {
    const json* v = find(key);
    if (v == nullptr) throw at(key).invalid("is required");
    return *v;
}

}  // namespace parasol::protocol
