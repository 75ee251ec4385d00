#include "storage/ProviderRepository.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

bool ProviderRepository::setAvailability(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                         bool available) {
    const auto before = tx.exec_params(
        "SELECT available FROM provider_availability WHERE caregiver_id = $1 FOR UPDATE",
        caregiverId);
    const bool wasAvailable = !before.empty() && before[0][0].as<bool>();
    if (!before.empty() && wasAvailable == available)
        return false;
    tx.exec_params0("INSERT INTO provider_availability (caregiver_id, available) VALUES ($1, $2) "
                    "ON CONFLICT (caregiver_id) DO UPDATE SET available = EXCLUDED.available, "
                    "                                         changed_at = now()",
                    caregiverId, available);
    return wasAvailable != available;
}

ProviderAvailability ProviderRepository::availability(pqxx::transaction_base &tx,
                                                      std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT available, "
                                     "       (extract(epoch FROM changed_at) * 1000)::bigint "
                                     "FROM provider_availability WHERE caregiver_id = $1",
                                     caregiverId);
    if (rows.empty())
        return {};
    return {rows[0][0].as<bool>(), rows[0][1].as<protocol::EpochMs>()};
}

std::optional<ProviderStanding> ProviderRepository::lockStanding(pqxx::transaction_base &tx,
                                                                 std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT active, 'provider' = ANY (roles) FROM caregivers "
                                     "WHERE id = $1 FOR SHARE",
                                     caregiverId);
    if (rows.empty())
        return std::nullopt;
    ProviderStanding standing;
    standing.active = rows[0][0].as<bool>();
    standing.provider = rows[0][1].as<bool>();
    const auto availability = tx.exec_params(
        "SELECT available FROM provider_availability WHERE caregiver_id = $1 FOR SHARE",
        caregiverId);
    standing.available = !availability.empty() && availability[0][0].as<bool>();
    return standing;
}

std::vector<std::string> ProviderRepository::licensedStates(pqxx::transaction_base &tx,
                                                            std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT jurisdiction_code FROM active_licenses "
                                     "WHERE caregiver_id = $1 ORDER BY 1",
                                     caregiverId);
    std::vector<std::string> states;
    states.reserve(rows.size());
    for (const auto &row : rows)
        states.push_back(row[0].as<std::string>());
    return states;
}

bool ProviderRepository::isLicensedIn(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                      const std::string &jurisdictionCode) {
    return tx
        .exec_params1("SELECT EXISTS (SELECT 1 FROM active_licenses "
                      "               WHERE caregiver_id = $1 AND jurisdiction_code = $2)",
                      caregiverId, jurisdictionCode)[0]
        .as<bool>();
}

std::vector<RoutableProvider> ProviderRepository::routableProviders(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        "SELECT c.id, c.display_name, array_to_string(array_agg(r.jurisdiction_code "
        "                                              ORDER BY r.jurisdiction_code), ','), "
        "       cur.id, (extract(epoch FROM coalesce(cur.started_at, cur.assigned_at)) "
        "                * 1000)::bigint "
        "FROM routable_providers r "
        "JOIN caregivers c ON c.id = r.caregiver_id "
        "LEFT JOIN LATERAL (SELECT v.id, v.started_at, v.assigned_at FROM visits v "
        "                   WHERE v.assigned_provider_id = c.id "
        "                     AND v.status IN ('assigned', 'in_visit') "
        "                   ORDER BY v.assigned_at DESC LIMIT 1) cur ON true "
        "GROUP BY c.id, c.display_name, cur.id, cur.started_at, cur.assigned_at "
        "ORDER BY c.id");
    std::vector<RoutableProvider> providers;
    providers.reserve(rows.size());
    for (const auto &row : rows) {
        RoutableProvider provider;
        provider.caregiverId = row[0].as<std::int64_t>();
        provider.displayName = row[1].as<std::string>();
        const auto joined = row[2].as<std::string>();
        for (std::size_t start = 0; start <= joined.size();) {
            const auto comma = joined.find(',', start);
            const auto end = comma == std::string::npos ? joined.size() : comma;
            provider.states.push_back(joined.substr(start, end - start));
            start = end + 1;
        }
        provider.currentVisitId = row[3].get<std::int64_t>();
        provider.currentSince = row[4].get<protocol::EpochMs>();
        providers.push_back(std::move(provider));
    }
    return providers;
}

std::vector<StateProviderCount>
ProviderRepository::routableCountsByState(pqxx::transaction_base &tx) {
    const auto rows = tx.exec("SELECT jurisdiction_code, count(DISTINCT caregiver_id) "
                              "FROM routable_providers GROUP BY 1 ORDER BY 1");
    std::vector<StateProviderCount> counts;
    counts.reserve(rows.size());
    for (const auto &row : rows)
        counts.push_back({row[0].as<std::string>(), row[1].as<int>()});
    return counts;
}

std::vector<protocol::ProviderSummary> ProviderRepository::summaries(pqxx::transaction_base &tx) {
    std::vector<protocol::ProviderSummary> providers;
    const auto rows =
        tx.exec("SELECT c.id, c.display_name, coalesce(a.available, false), "
                "       EXISTS (SELECT 1 FROM visits v WHERE v.assigned_provider_id = c.id "
                "               AND v.status IN ('assigned', 'in_visit')), "
                "       coalesce((SELECT string_agg(al.jurisdiction_code, ',' "
                "                                   ORDER BY al.jurisdiction_code) "
                "                 FROM active_licenses al WHERE al.caregiver_id = c.id), '') "
                "FROM caregivers c LEFT JOIN provider_availability a ON a.caregiver_id = c.id "
                "WHERE c.active AND 'provider' = ANY (c.roles) "
                "ORDER BY c.display_name, c.id");
    for (const auto &row : rows) {
        protocol::ProviderSummary provider;
        provider.id = row[0].as<std::int64_t>();
        provider.displayName = row[1].as<std::string>();
        provider.available = row[2].as<bool>();
        provider.inVisit = row[3].as<bool>();
        const auto states = row[4].as<std::string>();
        for (std::size_t start = 0; start < states.size();) {
            const auto comma = std::min(states.find(',', start), states.size());
            provider.states.push_back(states.substr(start, comma - start));
            start = comma + 1;
        }
        providers.push_back(std::move(provider));
    }
    return providers;
}

} // namespace caredesk::server
