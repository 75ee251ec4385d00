#include "WireFixtures.h"

#include "storage/DatabasePool.h"

#include <QtGlobal>
#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::test {

using nlohmann::json;

std::string typeOf(const json &message) {
    return message.is_object() ? message.value("type", "") : "<none>";
}

std::string codeOf(const json &message) {
    return typeOf(message) == "error" ? message["body"].value("code", "")
                                      : "<" + message.dump() + ">";
}

std::string fieldOf(const json &message) {
    return typeOf(message) == "error" ? message["body"].value("field", "")
                                      : "<" + message.dump() + ">";
}

json visitForm(const std::string &state, const std::string &firstName) {
    return {{"state", state},          {"firstName", firstName},
            {"lastName", "Patient"},   {"dateOfBirth", "1980-04-02"},
            {"reason", "Sore throat"}, {"contact", "555-0100"},
            {"consent", true}};
}

std::unique_ptr<WsTestClient> connectPatient(const ServerUnderTest &server) {
    auto client = std::make_unique<WsTestClient>(server.wsUrl());
    if (!client->open() || !client->hello())
        qFatal("cannot connect to the server under test");
    return client;
}

std::unique_ptr<WsTestClient> connectCaregiver(const ServerUnderTest &server,
                                               const std::string &username) {
    auto client = std::make_unique<WsTestClient>(server.wsUrl());
    if (!client->open() || typeOf(client->login(username, kTestPassword)) != "session")
        qFatal("cannot sign in as %s", username.c_str());
    return client;
}

void openAroundTheClockWith(const ServerUnderTest &server, const std::string &state,
                            std::int64_t providerId) {
    server::DatabasePool::runOnce(server.connectionString(), [&](pqxx::work &tx) {
        tx.exec_params0("UPDATE jurisdictions SET enabled = true, status = 'open' WHERE code = $1",
                        state);
        tx.exec_params0("INSERT INTO jurisdiction_hours (jurisdiction_code, weekday, opens_at, "
                        "closes_at) SELECT $1, d, '00:00', '00:00' FROM generate_series(0, 6) d",
                        state);
        tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, license_number, "
                        "expires_on, verified_at) VALUES ($1, $2, $3, current_date + 365, now())",
                        providerId, state, state + "-" + std::to_string(providerId));
        tx.exec_params0("INSERT INTO provider_availability (caregiver_id, status) "
                        "VALUES ($1, 'available') ON CONFLICT (caregiver_id) DO UPDATE "
                        "SET status = 'available'",
                        providerId);
    });
}

namespace {

// Replaces the row of `rows` whose `key` equals the update's, or appends it.
void upsert(json &rows, const json &row, const char *key) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [&](const json &existing) { return existing[key] == row[key]; });
    if (it == rows.end())
        rows.push_back(row);
    else
        *it = row;
}

void eraseWhere(json &rows, const char *key, const json &value) {
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const json &row) { return row[key] == value; }),
               rows.end());
}

} // namespace

void applyDelta(json &board, const json &delta) {
    for (const auto &state : delta["states"])
        upsert(board["states"], state, "code");
    for (const auto &visit : delta["visits"])
        upsert(board["visits"], visit, "id");
    for (const auto &id : delta.value("removedVisitIds", json::array()))
        eraseWhere(board["visits"], "id", id);
    for (const auto &code : delta.value("removedStates", json::array()))
        eraseWhere(board["states"], "code", code);
    for (const auto &provider : delta.value("providers", json::array()))
        upsert(board["providers"], provider, "id");
    for (const auto &id : delta.value("removedProviderIds", json::array()))
        eraseWhere(board["providers"], "id", id);
}

json sortedBy(json rows, const char *key) {
    std::sort(rows.begin(), rows.end(),
              [key](const json &a, const json &b) { return a[key] < b[key]; });
    return rows;
}

std::int64_t countOf(const ServerUnderTest &server, const std::string &sql) {
    std::int64_t n = 0;
    server::DatabasePool::runOnce(server.connectionString(),
                                  [&](pqxx::work &tx) { n = tx.exec1(sql)[0].as<std::int64_t>(); });
    return n;
}

} // namespace caredesk::test
