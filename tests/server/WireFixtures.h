#pragma once

// What over-the-wire server tests share: reading replies, a valid intake form,
// connected patients and signed-in caregivers, and a state that takes visits.

#include "ServerUnderTest.h"
#include "WsTestClient.h"

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace caredesk::test {

inline const std::string kTestPassword = "a long test password";

// A reply's type, "<none>" when there is no reply (timeout).
std::string typeOf(const nlohmann::json &message);
// An error's code; anything else is returned whole in <>, so a failed
// comparison shows what came instead.
std::string codeOf(const nlohmann::json &message);
// An error's field (e.g. "body.weekly.monday[0]"), or the message in <>.
std::string fieldOf(const nlohmann::json &message);

// A complete, valid visit_request body.
nlohmann::json visitForm(const std::string &state, const std::string &firstName);

// A WebSocket past hello, as the patient page has it. Aborts the test run when
// the server cannot be reached (nothing else in the test could work).
std::unique_ptr<WsTestClient> connectPatient(const ServerUnderTest &server);
// Signed in with kTestPassword.
std::unique_ptr<WsTestClient> connectCaregiver(const ServerUnderTest &server,
                                               const std::string &username);

// The one number a query returns (e.g. "SELECT count(*) FROM ..."), read
// straight from the server's database.
std::int64_t countOf(const ServerUnderTest &server, const std::string &sql);

// Offers `state`, open around the clock, and gives the provider a license in
// force there and marks them available, so the state's intake accepts visits.
void openAroundTheClockWith(const ServerUnderTest &server, const std::string &state,
                            std::int64_t providerId);

// Applies a queue_delta body to a queue_snapshot body the way a client must:
// rows replaced or added by key, removed visits, states and providers dropped.
void applyDelta(nlohmann::json &board, const nlohmann::json &delta);
// The array sorted by each element's `key` ("id" for visits, "code" for states).
nlohmann::json sortedBy(nlohmann::json rows, const char *key);
inline nlohmann::json sortedById(nlohmann::json visits) {
    return sortedBy(std::move(visits), "id");
}

} // namespace caredesk::test
