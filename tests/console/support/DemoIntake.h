#pragma once

#include <string>

namespace caredesk::console::test {

class RawProtocolClient;

// Sets a state's hours to around the clock, with no closures or special
// days, and its staff status to open, so a test takes visits whatever the
// hour it runs at. admin: signed in as an admin. True when both were saved.
bool openAroundTheClock(RawProtocolClient &admin, const std::string &stateCode);

} // namespace caredesk::console::test
