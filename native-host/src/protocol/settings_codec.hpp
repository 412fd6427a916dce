#pragma once
// The wire form of core::Settings (COMMON settings document, PROTOCOL.md
// settings.*). One table describes every field (its pointer, its member and
// its range), so encoding, merging and range checks can't drift apart.
#include <nlohmann/json.hpp>
#include <string>

#include "core/settings.hpp"

namespace parasol::protocol {

// The whole document, every key present.
nlohmann::json encode_settings(const core::Settings& settings);

// Applies a partial document (any subset of keys at any depth;
// connection_sites, when given, replaces the whole list) onto `current`,
// checking each field's type and range, then the cross-field rules of
// core::validate_settings. Throws ProtocolError `invalid` with paths under
// `base_path` ("/body/settings/rules/R4/nights"); `current` is untouched.
core::Settings merge_settings(const core::Settings& current, const nlohmann::json& partial,
                              const std::string& base_path);

// The stored document, merged onto the defaults so that documents written by
// older versions (missing newer keys) still load.
core::Settings decode_settings_document(const nlohmann::json& full);

}  // namespace parasol::protocol
