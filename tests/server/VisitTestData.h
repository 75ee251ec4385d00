#pragma once

// Fixtures for the scheduling tests: a migrated database, caregivers with
// licenses, and visits, all written with plain SQL or the real repositories.

#include "TestDatabase.h"
#include "scheduling/VisitScheduler.h"
#include "security/SessionToken.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/Migrator.h"
#include "storage/ProviderRepository.h"

#include <QString>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace caredesk::test {

// A fresh database with every migration applied, and one connection to it.
class SchedulingDatabase {
public:
    SchedulingDatabase()
        : m_connection(m_database.connectionString()) {
        server::Migrator().migrate(m_connection);
    }
    const std::string &connectionString() const { return m_database.connectionString(); }
    pqxx::connection &connection() { return m_connection; }

    // Runs body in a transaction and commits it.
    template <class Body>
    auto write(Body body) {
        pqxx::work tx(m_connection);
        if constexpr (std::is_void_v<decltype(body(tx))>) {
            body(tx);
            tx.commit();
        } else {
            auto result = body(tx);
            tx.commit();
            return result;
        }
    }

    // Runs body in a transaction that commits only if body throws nothing;
    // returns the error of the RequestError it threw, nullopt if none.
    std::optional<protocol::Error> refusal(const std::function<void(pqxx::work &)> &body) {
        pqxx::work tx(m_connection);
        try {
            body(tx);
        } catch (const server::RequestError &e) {
            return e.error;
        }
        tx.commit();
        return std::nullopt;
    }

private:
    TestDatabase m_database;
    pqxx::connection m_connection;
};

inline void enableStates(pqxx::transaction_base &tx, const std::vector<std::string> &codes) {
    for (const auto &code : codes)
        tx.exec_params0("UPDATE jurisdictions SET enabled = true, status = 'open' WHERE code = $1",
                        code);
}

inline std::int64_t addCaregiver(pqxx::transaction_base &tx, const std::string &username,
                                 domain::RoleSet roles, bool available = true) {
    const auto id = server::CaregiverRepository::create(tx, username, username, "unused", roles);
    if (available)
        server::ProviderRepository::setStatus(tx, id, domain::AvailabilityStatus::Available);
    return id;
}

inline std::int64_t addProvider(pqxx::transaction_base &tx, const std::string &username,
                                bool available = true) {
    return addCaregiver(tx, username, {domain::Role::Provider}, available);
}

// The date `dayOffset` days from today in the state's own time zone, as YYYY-MM-DD.
inline std::string localDate(pqxx::transaction_base &tx, const std::string &state,
                             int dayOffset = 0) {
    return tx
        .exec_params1("SELECT ((now() AT TIME ZONE time_zone)::date + $2::integer)::text "
                      "FROM jurisdictions WHERE code = $1",
                      state, dayOffset)[0]
        .as<std::string>();
}

inline void addLicense(pqxx::transaction_base &tx, std::int64_t caregiverId,
                       const std::string &state, const std::string &expiresOn = "2099-12-31",
                       bool verified = true) {
    tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, license_number, "
                    "                      expires_on, verified_at) "
                    "VALUES ($1, $2, $3, $4::date, CASE WHEN $5 THEN now() END)",
                    caregiverId, state, state + "-" + std::to_string(caregiverId) + "-" + expiresOn,
                    expiresOn, verified);
}

inline server::VisitActor asProvider(std::int64_t caregiverId) {
    return server::VisitActor::caregiver(caregiverId, domain::Role::Provider);
}

inline server::NewVisit sampleVisit(const std::string &state, int n, int priority = 0) {
    server::NewVisit visit;
    visit.jurisdictionCode = state;
    visit.firstName = "Pat" + std::to_string(n);
    visit.lastName = "Lopez";
    visit.dateOfBirth = "1984-02-29";
    visit.reason = "sore throat";
    visit.contact = "pat@example.org";
    visit.patientTokenHash = server::SessionToken::generate().hash;
    visit.priority = priority;
    return visit;
}

inline server::VisitRecord addVisit(pqxx::transaction_base &tx, const std::string &state, int n,
                                    int priority = 0) {
    return server::VisitScheduler::createVisit(tx, sampleVisit(state, n, priority),
                                               server::VisitActor::patient());
}

// Moves the arrival time of a visit, to build queues with a known order.
inline void setRequestedMinutesAgo(pqxx::transaction_base &tx, std::int64_t visitId, int minutes) {
    tx.exec_params0("UPDATE visits SET requested_at = now() - $2 * interval '1 minute' "
                    "WHERE id = $1",
                    visitId, minutes);
}

// "none" when there was no error, else the error code's wire name.
inline QString codeOf(const std::optional<protocol::Error> &error) {
    if (!error)
        return QStringLiteral("none");
    const auto name = protocol::errorCodeName(error->code);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

inline int countRows(pqxx::transaction_base &tx, const std::string &sql) {
    return tx.exec1(sql)[0].as<int>();
}

} // namespace caredesk::test
