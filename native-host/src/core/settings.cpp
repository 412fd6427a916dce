#include "core/settings.hpp"

#include "core/digest/digest_validation.hpp"

namespace parasol::core {

std::vector<ConnectionSite> Settings::default_connection_sites() {
    return {
        {"whatsapp", "web.whatsapp.com", ConnectionKind::messaging},
        {"messenger", "www.messenger.com", ConnectionKind::messaging},
        {"instagram", "www.instagram.com/direct", ConnectionKind::messaging},
        {"x", "x.com/messages", ConnectionKind::messaging},
        {"discord", "discord.com/channels/@me", ConnectionKind::messaging},
        {"telegram", "web.telegram.org", ConnectionKind::messaging},
        {"meet", "meet.google.com", ConnectionKind::call},
        {"zoom", "app.zoom.us/wc", ConnectionKind::call},
        {"teams", "teams.microsoft.com", ConnectionKind::call},
    };
}

std::vector<SettingsProblem> validate_settings(const Settings& s) {
    std::vector<SettingsProblem> problems;
    if (s.r4.nights > s.r4.of_nights) {
        problems.push_back({"/rules/R4/nights", "nights (" + std::to_string(s.r4.nights) +
                                                    ") must not exceed of_nights (" +
                                                    std::to_string(s.r4.of_nights) + ")"});
    }
    if (s.r10.min_count > s.r10.of_checkins) {
        problems.push_back({"/rules/R10/min_count", "min_count (" +
                                                        std::to_string(s.r10.min_count) +
                                                        ") must not exceed of_checkins (" +
                                                        std::to_string(s.r10.of_checkins) + ")"});
    }
    for (auto& problem : validate_digest(s.digest)) problems.push_back(std::move(problem));
    return problems;
}

}  // namespace parasol::core
