#include "DemoIntake.h"

#include "RawProtocolClient.h"

namespace caredesk::console::test {

bool openAroundTheClock(RawProtocolClient &admin, const std::string &stateCode) {
    const auto settings = admin.request("list_state_settings");
    if (RawProtocolClient::typeOf(settings) != "state_settings_list")
        return false;
    for (const auto &state : settings["body"]["states"]) {
        if (state["code"] != stateCode)
            continue;
        nlohmann::json edit = state;
        for (const char *key :
             {"code", "name", "status", "timeZones", "version", "changedAt", "changedBy"})
            edit.erase(key);
        edit["state"] = stateCode;
        edit["expectedVersion"] = state["version"];
        edit["closures"] = nlohmann::json::array();
        edit["specialHours"] = nlohmann::json::array();
        for (auto &day : edit["weekly"])
            day = nlohmann::json::array({{{"opens", "00:00"}, {"closes", "00:00"}}});
        if (RawProtocolClient::typeOf(admin.request("update_state_settings", edit)) !=
            "state_settings_list")
            return false;
        return RawProtocolClient::typeOf(admin.request(
                   "set_state_status", {{"state", stateCode}, {"status", "open"}})) == "ok";
    }
    return false;
}

} // namespace caredesk::console::test
