// Codec of the onboarding messages declared in AccountMessages.h: caregiver
// accounts and invitations, state licenses, bulk import.

#include "protocol/CodecSupport.h"
#include "protocol/Messages.h"

#include <array>
#include <string_view>

namespace caredesk::protocol {

namespace {

using codec::kMaxCount;
using codec::kMaxId;
using codec::readArray;
using codec::readDate;
using codec::readName;
using codec::readOptionalTime;
using codec::readRoles;
using codec::readStateCode;
using codec::readTime;
using codec::writeArray;
using codec::writeOptional;

constexpr std::array<std::string_view, 3> kAccountStatusNames{"invited", "active",
                                                              "deactivated"};
constexpr std::array<std::string_view, 3> kLicenseStatusNames{"pending", "verified", "rejected"};
constexpr std::array<std::string_view, 3> kImportCaregiverActions{"create", "update",
                                                                  "unchanged"};
constexpr std::array<std::string_view, 4> kImportLicenseActions{"create", "update", "unchanged",
                                                                "none"};
constexpr std::int64_t kMaxWarnDays = 365;
constexpr std::size_t kMaxImportErrorBytes = 1000;

// Like readName, but "" is allowed too (a line in error has no action).
std::string readActionOrEmpty(BodyReader &in, const char *field,
                              std::span<const std::string_view> names) {
    const auto present = in.string(field, 0, 32);
    if (in.failed() || present.empty())
        return {};
    for (const auto name : names) {
        if (name == present)
            return present;
    }
    in.fail(ErrorCode::OutOfRange, field, "is not a known import action");
    return {};
}

std::optional<std::string> readOptionalDate(BodyReader &in, const char *field) {
    const auto present = in.optionalString(field, 0, 16);
    if (in.failed() || !present)
        return std::nullopt;
    // Decode once more with the date rules, which name the field on failure.
    return readDate(in, field);
}

void writeAccount(nlohmann::json &out, const CaregiverAccount &account) {
    out["id"] = account.id;
    out["username"] = account.username;
    out["displayName"] = account.displayName;
    out["roles"] = account.roles.names();
    out["active"] = account.active;
    out["email"] = account.email;
    out["phone"] = account.phone;
    out["accountStatus"] = account.accountStatus;
    writeOptional(out, "inviteExpiresAt", account.inviteExpiresAt);
    out["createdAt"] = account.createdAt;
    writeOptional(out, "lastSignInAt", account.lastSignInAt);
    out["version"] = account.version;
}

void readAccount(BodyReader &in, CaregiverAccount &account) {
    account.id = in.integer("id", 1, kMaxId);
    account.username = in.string("username", 1, kMaxUsernameBytes);
    account.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    account.roles = readRoles(in, "roles");
    account.active = in.boolean("active");
    account.email = in.string("email", 0, kMaxEmailBytes);
    account.phone = in.string("phone", 0, kMaxPhoneBytes);
    account.accountStatus = readName(in, "accountStatus", kAccountStatusNames);
    account.inviteExpiresAt = readOptionalTime(in, "inviteExpiresAt");
    account.createdAt = readTime(in, "createdAt");
    account.lastSignInAt = readOptionalTime(in, "lastSignInAt");
    account.version = in.integer("version", 1, kMaxCount);
}

// The profile's fields sit directly in the enclosing body.
void writeProfile(nlohmann::json &out, const CaregiverProfile &profile) {
    out["displayName"] = profile.displayName;
    out["roles"] = profile.roles.names();
    out["email"] = profile.email;
    out["phone"] = profile.phone;
}

void readProfile(BodyReader &in, CaregiverProfile &profile) {
    profile.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    profile.roles = readRoles(in, "roles");
    if (!in.failed() && profile.roles.empty())
        in.fail(ErrorCode::OutOfRange, "roles", "must name at least one role");
    profile.email = in.string("email", 0, kMaxEmailBytes);
    profile.phone = in.string("phone", 0, kMaxPhoneBytes);
}

void writeLicense(nlohmann::json &out, const License &license) {
    out["id"] = license.id;
    out["caregiverId"] = license.caregiverId;
    out["caregiverName"] = license.caregiverName;
    out["state"] = license.state;
    out["number"] = license.number;
    out["type"] = license.type;
    writeOptional(out, "issuedOn", license.issuedOn);
    out["expiresOn"] = license.expiresOn;
    out["status"] = license.status;
    writeOptional(out, "reviewedBy", license.reviewedBy);
    writeOptional(out, "reviewedAt", license.reviewedAt);
    out["reviewNote"] = license.reviewNote;
    out["inForce"] = license.inForce;
    out["version"] = license.version;
}

void readLicense(BodyReader &in, License &license) {
    license.id = in.integer("id", 1, kMaxId);
    license.caregiverId = in.integer("caregiverId", 1, kMaxId);
    license.caregiverName = in.string("caregiverName", 1, kMaxDisplayNameBytes);
    license.state = readStateCode(in, "state");
    license.number = in.string("number", 1, kMaxLicenseNumberBytes);
    license.type = in.string("type", 0, kMaxLicenseTypeBytes);
    license.issuedOn = readOptionalDate(in, "issuedOn");
    license.expiresOn = readDate(in, "expiresOn");
    license.status = readName(in, "status", kLicenseStatusNames);
    license.reviewedBy = in.optionalString("reviewedBy", 1, kMaxDisplayNameBytes);
    license.reviewedAt = readOptionalTime(in, "reviewedAt");
    license.reviewNote = in.string("reviewNote", 0, kMaxReviewNoteBytes);
    license.inForce = in.boolean("inForce");
    license.version = in.integer("version", 1, kMaxCount);
}

void writeImportLine(nlohmann::json &out, const ImportLine &line) {
    out["line"] = line.line;
    out["username"] = line.username;
    out["caregiver"] = line.caregiver;
    out["license"] = line.license;
    out["error"] = line.error;
}

void readImportLine(BodyReader &in, ImportLine &line) {
    line.line = static_cast<int>(in.integer("line", 1, 1'000'000));
    line.username = in.string("username", 0, kMaxUsernameBytes);
    line.caregiver = readActionOrEmpty(in, "caregiver", kImportCaregiverActions);
    line.license = readActionOrEmpty(in, "license", kImportLicenseActions);
    line.error = in.string("error", 0, kMaxImportErrorBytes);
}

void writeInvite(nlohmann::json &out, const ImportedInvite &invite) {
    out["username"] = invite.username;
    out["displayName"] = invite.displayName;
    out["inviteToken"] = invite.inviteToken;
    out["inviteExpiresAt"] = invite.inviteExpiresAt;
}

void readInvite(BodyReader &in, ImportedInvite &invite) {
    invite.username = in.string("username", 1, kMaxUsernameBytes);
    invite.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    invite.inviteToken = in.string("inviteToken", kMinTokenBytes, kMaxTokenBytes);
    invite.inviteExpiresAt = readTime(in, "inviteExpiresAt");
}

} // namespace

// --- caregiver accounts --------------------------------------------------------

void toJson(nlohmann::json &out, const CaregiverList &message) {
    writeArray(out, "caregivers", message.caregivers, writeAccount);
}

void fromJson(BodyReader &in, CaregiverList &message) {
    readArray(in, "caregivers", kMaxListItems, message.caregivers, readAccount);
}

void toJson(nlohmann::json &out, const CreateCaregiver &message) {
    out["username"] = message.username;
    writeProfile(out, message.profile);
}

void fromJson(BodyReader &in, CreateCaregiver &message) {
    message.username = in.string("username", 1, kMaxUsernameBytes);
    readProfile(in, message.profile);
}

void toJson(nlohmann::json &out, const CaregiverInvite &message) {
    writeAccount(out["caregiver"], message.caregiver);
    out["inviteToken"] = message.inviteToken;
    out["inviteExpiresAt"] = message.inviteExpiresAt;
}

void fromJson(BodyReader &in, CaregiverInvite &message) {
    in.object("caregiver", [&message](BodyReader &item) { readAccount(item, message.caregiver); });
    message.inviteToken = in.string("inviteToken", kMinTokenBytes, kMaxTokenBytes);
    message.inviteExpiresAt = readTime(in, "inviteExpiresAt");
}

void toJson(nlohmann::json &out, const UpdateCaregiver &message) {
    out["id"] = message.id;
    out["expectedVersion"] = message.expectedVersion;
    writeProfile(out, message.profile);
}

void fromJson(BodyReader &in, UpdateCaregiver &message) {
    message.id = in.integer("id", 1, kMaxId);
    message.expectedVersion = in.integer("expectedVersion", 1, kMaxCount);
    readProfile(in, message.profile);
}

void toJson(nlohmann::json &out, const SetCaregiverActive &message) {
    out["id"] = message.id;
    out["active"] = message.active;
}

void fromJson(BodyReader &in, SetCaregiverActive &message) {
    message.id = in.integer("id", 1, kMaxId);
    message.active = in.boolean("active");
}

void toJson(nlohmann::json &out, const ResetCaregiverAccess &message) {
    out["id"] = message.id;
}

void fromJson(BodyReader &in, ResetCaregiverAccess &message) {
    message.id = in.integer("id", 1, kMaxId);
}

void toJson(nlohmann::json &out, const ActivateAccount &message) {
    out["inviteToken"] = message.inviteToken;
    out["password"] = message.password;
}

void fromJson(BodyReader &in, ActivateAccount &message) {
    message.inviteToken = in.string("inviteToken", kMinTokenBytes, kMaxTokenBytes);
    message.password = in.string("password", 1, kMaxPasswordBytes);
}

// --- state licenses ----------------------------------------------------------------

void toJson(nlohmann::json &out, const ListLicenses &message) {
    writeOptional(out, "caregiverId", message.caregiverId);
    writeOptional(out, "state", message.state);
}

void fromJson(BodyReader &in, ListLicenses &message) {
    message.caregiverId = in.optionalInteger("caregiverId", 1, kMaxId);
    if (in.optionalString("state", 0, 8) && !in.failed())
        message.state = readStateCode(in, "state");
}

void toJson(nlohmann::json &out, const LicenseList &message) {
    writeArray(out, "licenses", message.licenses, writeLicense);
    out["warnWithinDays"] = message.warnWithinDays;
    writeArray(out, "providersWithoutLicense", message.providersWithoutLicense,
               [](nlohmann::json &item, const ProviderWithoutLicense &provider) {
                   item["id"] = provider.id;
                   item["displayName"] = provider.displayName;
               });
}

void fromJson(BodyReader &in, LicenseList &message) {
    readArray(in, "licenses", kMaxListItems, message.licenses, readLicense);
    message.warnWithinDays = in.integer("warnWithinDays", 0, kMaxWarnDays);
    readArray(in, "providersWithoutLicense", kMaxListItems, message.providersWithoutLicense,
              [](BodyReader &item, ProviderWithoutLicense &provider) {
                  provider.id = item.integer("id", 1, kMaxId);
                  provider.displayName = item.string("displayName", 1, kMaxDisplayNameBytes);
              });
}

void toJson(nlohmann::json &out, const SaveLicense &message) {
    writeOptional(out, "id", message.id);
    writeOptional(out, "expectedVersion", message.expectedVersion);
    out["caregiverId"] = message.caregiverId;
    out["state"] = message.state;
    out["number"] = message.number;
    out["type"] = message.type;
    writeOptional(out, "issuedOn", message.issuedOn);
    out["expiresOn"] = message.expiresOn;
    out["status"] = message.status;
    out["reviewNote"] = message.reviewNote;
}

void fromJson(BodyReader &in, SaveLicense &message) {
    message.id = in.optionalInteger("id", 1, kMaxId);
    message.expectedVersion = in.optionalInteger("expectedVersion", 1, kMaxCount);
    message.caregiverId = in.integer("caregiverId", 1, kMaxId);
    message.state = readStateCode(in, "state");
    message.number = in.string("number", 1, kMaxLicenseNumberBytes);
    message.type = in.string("type", 0, kMaxLicenseTypeBytes);
    message.issuedOn = readOptionalDate(in, "issuedOn");
    message.expiresOn = readDate(in, "expiresOn");
    message.status = readName(in, "status", kLicenseStatusNames);
    message.reviewNote = in.string("reviewNote", 0, kMaxReviewNoteBytes);
}

// --- bulk import ------------------------------------------------------------------

void toJson(nlohmann::json &out, const ImportCaregivers &message) {
    out["csv"] = message.csv;
    out["apply"] = message.apply;
}

void fromJson(BodyReader &in, ImportCaregivers &message) {
    message.csv = in.string("csv", 1, kMaxImportCsvBytes);
    message.apply = in.boolean("apply");
}

void toJson(nlohmann::json &out, const ImportReport &message) {
    out["applied"] = message.applied;
    writeArray(out, "lines", message.lines, writeImportLine);
    out["errors"] = message.errors;
    out["caregiversCreated"] = message.caregiversCreated;
    out["caregiversUpdated"] = message.caregiversUpdated;
    out["licensesCreated"] = message.licensesCreated;
    out["licensesUpdated"] = message.licensesUpdated;
    out["unchanged"] = message.unchanged;
    writeArray(out, "invites", message.invites, writeInvite);
}

void fromJson(BodyReader &in, ImportReport &message) {
    message.applied = in.boolean("applied");
    readArray(in, "lines", kMaxListItems, message.lines, readImportLine);
    message.errors = in.integer("errors", 0, kMaxCount);
    message.caregiversCreated = in.integer("caregiversCreated", 0, kMaxCount);
    message.caregiversUpdated = in.integer("caregiversUpdated", 0, kMaxCount);
    message.licensesCreated = in.integer("licensesCreated", 0, kMaxCount);
    message.licensesUpdated = in.integer("licensesUpdated", 0, kMaxCount);
    message.unchanged = in.integer("unchanged", 0, kMaxCount);
    readArray(in, "invites", kMaxListItems, message.invites, readInvite);
}

} // namespace caredesk::protocol
