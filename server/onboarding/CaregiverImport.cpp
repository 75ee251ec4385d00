#include "onboarding/CaregiverImport.h"
#include "app/Logging.h"

#include "domain/AccountRules.h"
#include "domain/CsvTable.h"
#include "onboarding/LicenseAdmin.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/LicenseRepository.h"

#include <sodium.h>

#include <pqxx/pqxx>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>

namespace caredesk::server {

namespace {

using protocol::ErrorCode;

enum Column {
    Username,
    DisplayName,
    Roles,
    Email,
    Phone,
    State,
    LicenseNumber,
    LicenseType,
    IssuedOn,
    ExpiresOn,
    LicenseStatus,
    kColumnCount
};

constexpr std::array<const char *, kColumnCount> kColumnNames{
    "username", "display_name",   "roles",        "email",     "phone",         "state",
    "license_number", "license_type", "issued_on", "expires_on", "license_status"};

// The body field each column is checked as, to name the column in errors.
constexpr std::array<const char *, kColumnCount> kBodyFields{
    "username", "displayName", "roles", "email",     "phone",     "state",
    "number",   "type",        "issuedOn", "expiresOn", "status"};

[[noreturn]] void refuseFile(std::string message) {
    throw RequestError{{ErrorCode::OutOfRange, std::move(message), "body.csv", {}}};
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string expectedColumns() {
    std::string list;
    for (const auto *name : kColumnNames)
        list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
}

// Column index -> position in the file's rows (or none).
using ColumnMap = std::array<std::optional<std::size_t>, kColumnCount>;

ColumnMap mapHeader(const domain::CsvRow &header) {
    ColumnMap map;
    for (std::size_t position = 0; position < header.fields.size(); ++position) {
        const auto name = lowercase(domain::trimmed(header.fields[position]));
        const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (known == kColumnNames.end())
            refuseFile("line " + std::to_string(header.line) + ": unknown column \"" + name +
                       "\"; the columns are " + expectedColumns());
        auto &slot = map[static_cast<std::size_t>(known - kColumnNames.begin())];
        if (slot)
            refuseFile("line " + std::to_string(header.line) + ": the column \"" + name +
                       "\" appears twice");
        slot = position;
    }
    for (const auto required : {Username, DisplayName, Roles}) {
        if (!map[required])
            refuseFile("line " + std::to_string(header.line) + ": the header has no \"" +
                       kColumnNames[required] + "\" column; the columns are " +
                       expectedColumns());
    }
    return map;
}

// "body.expiresOn" -> "expires_on"; the column's name leads every line error.
std::string columnOf(const std::string &field) {
    auto name = field.rfind("body.", 0) == 0 ? field.substr(5) : field;
    name = name.substr(0, name.find_first_of("[."));
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (name == kBodyFields[i])
            return kColumnNames[i];
    }
    return name;
}

// What is wrong with a line, in the file's terms: the codec's messages start
// with the body's path ("body.expiresOn is not a day of the calendar"), which
// becomes the column ("expires_on is not a day of the calendar", "roles (item
// 2) is not one of ..."); the rules' own messages get the column in front
// ("username: a username uses only ...").
std::string describe(const protocol::Error &error) {
    if (error.field.empty())
        return error.message;
    const auto column = columnOf(error.field);
    if (error.message.rfind(error.field + " ", 0) != 0)
        return column + ": " + error.message;
    std::string named = column;
    if (const auto open = error.field.find('['); open != std::string::npos) {
        const auto index = std::atoi(error.field.c_str() + open + 1);
        named += " (item " + std::to_string(index + 1) + ")";
    }
    return named + error.message.substr(error.field.size());
}

// One line's values, trimmed, by column.
struct Line {
    int number = 0;
    std::array<std::string, kColumnCount> values;
    const std::string &operator[](Column column) const { return values[column]; }
    bool has(Column column) const { return !values[column].empty(); }
};

std::vector<std::string> splitRoles(const std::string &roles) {
    std::vector<std::string> names;
    std::string item;
    std::istringstream in(roles);
    while (std::getline(in, item, ';')) {
        const auto name = lowercase(domain::trimmed(item));
        if (!name.empty())
            names.push_back(name);
    }
    return names;
}

// Decodes the line's caregiver columns as a create_caregiver body would be.
protocol::CreateCaregiver caregiverOf(const Line &line) {
    nlohmann::json body = {{"username", line[Username]},
                           {"displayName", line[DisplayName]},
                           {"roles", splitRoles(line[Roles])},
                           {"email", line[Email]},
                           {"phone", line[Phone]}};
    auto decoded = protocol::decodeBody<protocol::CreateCaregiver>(body);
    if (!decoded)
        throw RequestError{decoded.error()};
    decoded->username = AccountAdmin::checkedUsername(decoded->username);
    decoded->profile = AccountAdmin::checkedProfile(decoded->profile);
    return *decoded;
}

// Decodes the line's license columns as a save_license body would be.
protocol::SaveLicense licenseOf(const Line &line, std::int64_t caregiverId) {
    for (const auto column : {State, LicenseNumber, ExpiresOn}) {
        if (!line.has(column))
            throw RequestError{{ErrorCode::MissingField,
                                "a license needs state, license_number and expires_on",
                                std::string("body.") + kBodyFields[column],
                                {}}};
    }
    nlohmann::json body = {{"caregiverId", caregiverId},
                           {"state", line[State]},
                           {"number", line[LicenseNumber]},
                           {"type", line[LicenseType]},
                           {"expiresOn", line[ExpiresOn]},
                           {"status", line.has(LicenseStatus) ? lowercase(line[LicenseStatus])
                                                              : std::string("pending")},
                           {"reviewNote", ""}};
    if (line.has(IssuedOn))
        body["issuedOn"] = line[IssuedOn];
    auto decoded = protocol::decodeBody<protocol::SaveLicense>(body);
    if (!decoded)
        throw RequestError{decoded.error()};
    return *decoded;
}

bool sameProfile(const protocol::CaregiverAccount &account,
                 const protocol::CaregiverProfile &profile) {
    return account.displayName == profile.displayName && account.roles == profile.roles &&
           account.email == profile.email && account.phone == profile.phone;
}

std::string sha256Hex(const std::string &text) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char *>(text.data()),
                       text.size());
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const auto byte : digest) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0x0f];
    }
    return hex;
}

class Importer {
public:
    Importer(const AdminActor &actor, const CaregiverImport::Options &options)
        : m_actor(actor)
        , m_options(options) {}

    // Runs in the line's own savepoint, tx.
    void importLine(pqxx::transaction_base &tx, const Line &line, protocol::ImportLine &out) {
        const auto caregiver = caregiverOf(line);
        out.username = caregiver.username;
        const auto key = lowercase(caregiver.username);
        if (const auto seen = m_firstLine.find(key); seen != m_firstLine.end()) {
            if (!(seen->second.profile == caregiver.profile))
                throw RequestError{{ErrorCode::OutOfRange,
                                    "the caregiver's columns differ from line " +
                                        std::to_string(seen->second.line) +
                                        " for the same username",
                                    {},
                                    {}}};
        } else {
            m_firstLine.emplace(key, FirstLine{line.number, caregiver.profile});
        }

        std::int64_t caregiverId = 0;
        const auto existing = CaregiverRepository::accountByUsername(tx, caregiver.username, true);
        if (!existing) {
            auto invite = AccountAdmin::create(tx, m_actor, caregiver.username, caregiver.profile,
                                               m_options.inviteValidity);
            caregiverId = invite.caregiver.id;
            out.caregiver = "create";
            m_invites.push_back({invite.caregiver.username, invite.caregiver.displayName,
                                 invite.inviteToken, invite.inviteExpiresAt});
        } else {
            caregiverId = existing->id;
            if (sameProfile(*existing, caregiver.profile)) {
                out.caregiver = "unchanged";
            } else {
                AccountAdmin::update(tx, m_actor, existing->id, std::nullopt, caregiver.profile);
                out.caregiver = "update";
            }
        }

        const bool hasLicense = line.has(State) || line.has(LicenseNumber) || line.has(ExpiresOn) ||
                                line.has(LicenseType) || line.has(IssuedOn) ||
                                line.has(LicenseStatus);
        if (!hasLicense) {
            out.license = "none";
            return;
        }
        // The line's values are trimmed and decoded; LicenseAdmin::save checks the rest.
        auto license = licenseOf(line, caregiverId);
        const auto current =
            LicenseRepository::findByNumber(tx, caregiverId, license.state, license.number);
        if (current) {
            // The file says nothing of review notes: keep the one recorded.
            license.reviewNote = current->reviewNote;
            license.id = current->id;
            license.expectedVersion = current->version;
            const bool same = current->type == license.type &&
                              current->issuedOn == license.issuedOn &&
                              current->expiresOn == license.expiresOn &&
                              current->status == license.status;
            if (same) {
                out.license = "unchanged";
                return;
            }
            out.license = "update";
        } else {
            out.license = "create";
        }
        LicenseAdmin::save(tx, m_actor, license);
    }

    std::vector<protocol::ImportedInvite> takeInvites() { return std::move(m_invites); }

private:
    struct FirstLine {
        int line = 0;
        protocol::CaregiverProfile profile;
    };

    const AdminActor &m_actor;
    const CaregiverImport::Options &m_options;
    std::map<std::string, FirstLine> m_firstLine;
    std::vector<protocol::ImportedInvite> m_invites;
};

std::vector<Line> linesOf(const domain::CsvTable &table, const ColumnMap &columns,
                          std::size_t headerWidth, std::vector<protocol::ImportLine> &badShape) {
    std::vector<Line> lines;
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        const auto &row = table.rows[i];
        const bool blank = std::all_of(row.fields.begin(), row.fields.end(), [](const auto &f) {
            return domain::trimmed(f).empty();
        });
        if (blank)
            continue;
        if (row.fields.size() != headerWidth) {
            protocol::ImportLine problem;
            problem.line = row.line;
            problem.error = "has " + std::to_string(row.fields.size()) + " fields; the header has " +
                            std::to_string(headerWidth);
            badShape.push_back(std::move(problem));
            continue;
        }
        Line line;
        line.number = row.line;
        for (std::size_t column = 0; column < kColumnCount; ++column) {
            if (columns[column])
                line.values[column] = std::string(domain::trimmed(row.fields[*columns[column]]));
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace

protocol::ImportReport CaregiverImport::run(pqxx::dbtransaction &tx, const AdminActor &actor,
                                            const std::string &csv, const Options &options) {
    domain::CsvLimits limits;
    limits.maxBytes = protocol::kMaxImportCsvBytes;
    limits.maxRows = 2001;
    limits.maxFields = 30;
    limits.maxFieldBytes = 300;
    const auto parsed = domain::parseCsv(csv, limits);
    if (const auto *error = std::get_if<domain::CsvError>(&parsed))
        refuseFile(error->line > 0 ? "line " + std::to_string(error->line) + ": " + error->message
                                   : error->message);
    const auto &table = std::get<domain::CsvTable>(parsed);
    if (table.rows.empty())
        refuseFile("the file is empty; the first line names the columns: " + expectedColumns());
    const auto columns = mapHeader(table.rows.front());

    protocol::ImportReport report;
    std::vector<protocol::ImportLine> badShape;
    const auto lines = linesOf(table, columns, table.rows.front().fields.size(), badShape);
    if (lines.empty() && badShape.empty())
        refuseFile("the file has a header but no caregivers");

    pqxx::subtransaction whole(tx, "caregiver_import");
    // libpqxx 6 sets a savepoint lazily, at the first statement run on it; the
    // lines run on savepoints of their own, so set this one now, or rolling
    // it back would have nothing to roll back to.
    whole.exec("SELECT 1");
    Importer importer(actor, options);
    auto shapeProblem = badShape.begin();
    for (const auto &line : lines) {
        while (shapeProblem != badShape.end() && shapeProblem->line < line.number)
            report.lines.push_back(std::move(*shapeProblem++));
        protocol::ImportLine &out = report.lines.emplace_back();
        out.line = line.number;
        out.username = line[Username];
        pqxx::subtransaction step(whole, "caregiver_import_line");
        try {
            importer.importLine(step, line, out);
            step.commit();
        } catch (const RequestError &refused) {
            step.abort();
            out.caregiver.clear();
            out.license.clear();
            out.error = describe(refused.error);
        }
    }
    while (shapeProblem != badShape.end())
        report.lines.push_back(std::move(*shapeProblem++));

    for (const auto &line : report.lines) {
        if (!line.error.empty()) {
            ++report.errors;
            continue;
        }
        report.caregiversCreated += line.caregiver == "create";
        report.caregiversUpdated += line.caregiver == "update";
        report.licensesCreated += line.license == "create";
        report.licensesUpdated += line.license == "update";
        report.unchanged += line.caregiver == "unchanged" &&
                            (line.license == "unchanged" || line.license == "none");
    }

    report.applied = options.apply && report.errors == 0;
    if (!report.applied) {
        whole.abort();
        return report;
    }
    whole.commit();
    report.invites = importer.takeInvites();
    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = actor.caregiverId;
    event.action = "caregivers.imported";
    event.subjectType = "import";
    event.subjectId = sha256Hex(csv).substr(0, 16);
    event.clientAddress = actor.clientAddress;
    event.detail = {{"sha256", sha256Hex(csv)},
                    {"lines", report.lines.size()},
                    {"caregiversCreated", report.caregiversCreated},
                    {"caregiversUpdated", report.caregiversUpdated},
                    {"licensesCreated", report.licensesCreated},
                    {"licensesUpdated", report.licensesUpdated},
                    {"unchanged", report.unchanged}};
    AuditLog::append(tx, event);
    subsystemLogger("admin")->info("caregiver import applied by caregiver={}: {} lines",
                                   actor.caregiverId, report.lines.size());
    return report;
}

} // namespace caredesk::server
