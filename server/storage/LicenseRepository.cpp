#include "storage/LicenseRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

constexpr const char *kSelect =
    "SELECT l.id, l.caregiver_id, c.display_name, l.jurisdiction_code, l.license_number, "
    "       l.license_type, to_char(l.issued_on, 'YYYY-MM-DD'), "
    "       to_char(l.expires_on, 'YYYY-MM-DD'), l.status, r.display_name, "
    "       (extract(epoch FROM coalesce(l.verified_at, l.rejected_at)) * 1000)::bigint, "
    "       l.review_note, EXISTS (SELECT 1 FROM licenses_in_force f WHERE f.id = l.id), "
    "       l.version "
    "FROM licenses l "
    "JOIN caregivers c ON c.id = l.caregiver_id "
    "LEFT JOIN caregivers r ON r.id = coalesce(l.verified_by, l.rejected_by) ";

protocol::License licenseFrom(const pqxx::row &row) {
    protocol::License license;
    license.id = row[0].as<std::int64_t>();
    license.caregiverId = row[1].as<std::int64_t>();
    license.caregiverName = row[2].as<std::string>();
    license.state = row[3].as<std::string>();
    license.number = row[4].as<std::string>();
    license.type = row[5].as<std::string>();
    license.issuedOn = row[6].as<std::optional<std::string>>();
    license.expiresOn = row[7].as<std::string>();
    license.status = row[8].as<std::string>();
    license.reviewedBy = row[9].as<std::optional<std::string>>();
    license.reviewedAt = row[10].as<std::optional<std::int64_t>>();
    license.reviewNote = row[11].as<std::string>();
    license.inForce = row[12].as<bool>();
    license.version = row[13].as<std::int64_t>();
    return license;
}

std::optional<protocol::License> first(const pqxx::result &rows) {
    if (rows.empty())
        return std::nullopt;
    return licenseFrom(rows[0]);
}

const char *reviewName(LicenseReview review) {
    switch (review) {
    case LicenseReview::Keep:
        return "keep";
    case LicenseReview::Verify:
        return "verify";
    case LicenseReview::Reject:
        return "reject";
    case LicenseReview::Pending:
        break;
    }
    return "pending";
}

// The review columns as SET / VALUES expressions, with the mode in $m and the
// reviewer in $r.
std::string reviewColumns(int m, int r) {
    const auto mode = "$" + std::to_string(m);
    const auto reviewer = "$" + std::to_string(r) + "::bigint";
    return "verified_at = CASE " + mode + " WHEN 'verify' THEN now() WHEN 'keep' THEN verified_at END, "
           "verified_by = CASE " + mode + " WHEN 'verify' THEN " + reviewer +
           " WHEN 'keep' THEN verified_by END, "
           "rejected_at = CASE " + mode + " WHEN 'reject' THEN now() WHEN 'keep' THEN rejected_at END, "
           "rejected_by = CASE " + mode + " WHEN 'reject' THEN " + reviewer +
           " WHEN 'keep' THEN rejected_by END ";
}

} // namespace

std::vector<protocol::License> LicenseRepository::list(pqxx::transaction_base &tx,
                                                       std::optional<std::int64_t> caregiverId,
                                                       const std::optional<std::string> &state) {
    const auto rows = tx.exec_params(
        std::string(kSelect) +
            "WHERE ($1::bigint IS NULL OR l.caregiver_id = $1) "
            "AND ($2::text IS NULL OR l.jurisdiction_code = $2) "
            "ORDER BY lower(c.display_name), l.caregiver_id, l.jurisdiction_code, l.expires_on, l.id",
        caregiverId, state);
    std::vector<protocol::License> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(licenseFrom(row));
    return out;
}

std::optional<protocol::License> LicenseRepository::find(pqxx::transaction_base &tx,
                                                         std::int64_t id, bool forUpdate) {
    return first(tx.exec_params(std::string(kSelect) + "WHERE l.id = $1" +
                                    (forUpdate ? " FOR UPDATE OF l" : ""),
                                id));
}

std::optional<protocol::License> LicenseRepository::findByNumber(pqxx::transaction_base &tx,
                                                                 std::int64_t caregiverId,
                                                                 const std::string &state,
                                                                 const std::string &number) {
    return first(tx.exec_params(std::string(kSelect) +
                                    "WHERE l.caregiver_id = $1 AND l.jurisdiction_code = $2 "
                                    "AND l.license_number = $3 FOR UPDATE OF l",
                                caregiverId, state, number));
}

std::optional<std::int64_t> LicenseRepository::insert(pqxx::transaction_base &tx,
                                                      std::int64_t caregiverId,
                                                      const LicenseFields &fields,
                                                      LicenseReview review,
                                                      std::int64_t reviewerId) {
    const auto rows = tx.exec_params(
        "INSERT INTO licenses (caregiver_id, jurisdiction_code, license_number, license_type, "
        "                      issued_on, expires_on, review_note, verified_at, verified_by, "
        "                      rejected_at, rejected_by) "
        "VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, "
        "        CASE WHEN $8 = 'verify' THEN now() END, CASE WHEN $8 = 'verify' THEN $9::bigint END, "
        "        CASE WHEN $8 = 'reject' THEN now() END, CASE WHEN $8 = 'reject' THEN $9::bigint END) "
        "ON CONFLICT (caregiver_id, jurisdiction_code, license_number) DO NOTHING RETURNING id",
        caregiverId, fields.state, fields.number, fields.type, fields.issuedOn, fields.expiresOn,
        fields.reviewNote, reviewName(review), reviewerId);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

bool LicenseRepository::update(pqxx::transaction_base &tx, std::int64_t id,
                               const LicenseFields &fields, LicenseReview review,
                               std::int64_t reviewerId) {
    const auto clash = tx.exec_params(
        "SELECT 1 FROM licenses o JOIN licenses l ON l.id = $1 "
        "WHERE o.caregiver_id = l.caregiver_id AND o.id <> l.id "
        "AND o.jurisdiction_code = $2 AND o.license_number = $3",
        id, fields.state, fields.number);
    if (!clash.empty())
        return false;
    tx.exec_params0("UPDATE licenses SET jurisdiction_code = $2, license_number = $3, "
                    "license_type = $4, issued_on = $5::date, expires_on = $6::date, "
                    "review_note = $7, " + reviewColumns(8, 9) +
                        ", version = version + 1, updated_at = now() WHERE id = $1",
                    id, fields.state, fields.number, fields.type, fields.issuedOn,
                    fields.expiresOn, fields.reviewNote, reviewName(review), reviewerId);
    return true;
}

std::vector<protocol::ProviderWithoutLicense>
LicenseRepository::providersWithoutLicense(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        "SELECT c.id, c.display_name FROM caregivers c "
        "WHERE c.active AND 'provider' = ANY (c.roles) "
        "AND NOT EXISTS (SELECT 1 FROM active_licenses a WHERE a.caregiver_id = c.id) "
        "ORDER BY lower(c.display_name), c.id");
    std::vector<protocol::ProviderWithoutLicense> out;
    for (const auto &row : rows)
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>()});
    return out;
}

} // namespace caredesk::server
