#pragma once

// Bodies of the messages admins use to onboard caregivers: accounts and their
// invitations, state licenses, and bulk import from CSV. Included by
// Messages.h (CaregiverSummary, SessionStarted and the codec live there).

#include "domain/Role.h"
#include "protocol/MessageType.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::protocol {

inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxPhoneBytes = 40;
inline constexpr std::size_t kMaxLicenseNumberBytes = 64;
inline constexpr std::size_t kMaxLicenseTypeBytes = 64;
inline constexpr std::size_t kMaxReviewNoteBytes = 500;
// An import file travels in one frame, so it must fit in one with room to spare.
inline constexpr std::size_t kMaxImportCsvBytes = 60000;

// --- caregiver accounts --------------------------------------------------------

// A caregiver as admins see and edit it.
struct CaregiverAccount {
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    domain::RoleSet roles;
    bool active = true;
    std::string email; // may be empty
    std::string phone; // may be empty
    // "invited": no password yet (the invitation may have expired, see
    // inviteExpiresAt); "active": can sign in; "deactivated": cannot.
    std::string accountStatus = "active";
    std::optional<std::int64_t> inviteExpiresAt; // EpochMs of the open invitation, if any
    std::int64_t createdAt = 0;                  // EpochMs
    std::optional<std::int64_t> lastSignInAt;    // EpochMs
    std::int64_t version = 1;                    // +1 on every change by an admin
    bool operator==(const CaregiverAccount &) const = default;
};

// The fields an admin sets on an account (create and update alike).
struct CaregiverProfile {
    std::string displayName;
    domain::RoleSet roles; // at least one
    std::string email;
    std::string phone;
    bool operator==(const CaregiverProfile &) const = default;
};

// admin: a new account without a password, and its invitation.
// Reply: caregiver_invite. The username must be free (conflict otherwise).
struct CreateCaregiver {
    static constexpr MessageType kType = MessageType::CreateCaregiver;
    std::string username;
    CaregiverProfile profile; // its fields sit directly in the body
    bool operator==(const CreateCaregiver &) const = default;
};

// A one-time activation code, shown once to the admin, who passes it on by
// the health system's own channel. The server keeps only its hash.
struct CaregiverInvite {
    static constexpr MessageType kType = MessageType::CaregiverInvite;
    CaregiverAccount caregiver;
    std::string inviteToken;
    std::int64_t inviteExpiresAt = 0; // EpochMs
    bool operator==(const CaregiverInvite &) const = default;
};

// admin: replace an account's profile. Reply: caregiver_list with the account.
struct UpdateCaregiver {
    static constexpr MessageType kType = MessageType::UpdateCaregiver;
    std::int64_t id = 0;
    std::int64_t expectedVersion = 0; // the version read; another one means "conflict"
    CaregiverProfile profile;
    bool operator==(const UpdateCaregiver &) const = default;
};

// admin: deactivate (sessions end at once, invitations are voided, a provider
// leaves routing and unstarted visits go back in line, chats they own go back
// to the pool) or reactivate. Reply: caregiver_list with the account.
struct SetCaregiverActive {
    static constexpr MessageType kType = MessageType::SetCaregiverActive;
    std::int64_t id = 0;
    bool active = true;
    bool operator==(const SetCaregiverActive &) const = default;
};

// admin: a new invitation for an account; its password stops working and its
// sessions end, earlier invitations are voided. Reply: caregiver_invite.
struct ResetCaregiverAccess {
    static constexpr MessageType kType = MessageType::ResetCaregiverAccess;
    std::int64_t id = 0;
    bool operator==(const ResetCaregiverAccess &) const = default;
};

// anyone after hello: spend an invitation by setting a password that meets the
// policy. Reply: session (signed in, with a token), as for login.
struct ActivateAccount {
    static constexpr MessageType kType = MessageType::ActivateAccount;
    std::string inviteToken;
    std::string password;
    bool operator==(const ActivateAccount &) const = default;
};

// --- state licenses ----------------------------------------------------------------

// A state license of a provider.
struct License {
    std::int64_t id = 0;
    std::int64_t caregiverId = 0;
    std::string caregiverName;
    std::string state;  // "TX"
    std::string number; // as issued by the state board
    std::string type;   // e.g. "MD", "DO", "NP", "PA"; may be empty
    std::optional<std::string> issuedOn; // "YYYY-MM-DD"
    std::string expiresOn;               // "YYYY-MM-DD": valid through that day in the state
    std::string status;                  // "pending" | "verified" | "rejected"
    std::optional<std::string> reviewedBy; // who verified or rejected it (display name)
    std::optional<std::int64_t> reviewedAt; // EpochMs
    std::string reviewNote;
    bool inForce = false; // verified and not expired in the state's time zone, now
    std::int64_t version = 1;
    bool operator==(const License &) const = default;
};

struct ProviderWithoutLicense {
    std::int64_t id = 0;
    std::string displayName;
    bool operator==(const ProviderWithoutLicense &) const = default;
};

// admin: licenses of everyone (or of one caregiver / one state); provider:
// their own (caregiverId absent or their own). Reply: license_list.
struct ListLicenses {
    static constexpr MessageType kType = MessageType::ListLicenses;
    std::optional<std::int64_t> caregiverId;
    std::optional<std::string> state;
    bool operator==(const ListLicenses &) const = default;
};

struct LicenseList {
    static constexpr MessageType kType = MessageType::LicenseList;
    std::vector<License> licenses; // by caregiver name, then state
    // Licenses in force that lapse within this many days deserve a warning.
    std::int64_t warnWithinDays = 30;
    // Active providers with no license in force anywhere (admins, unfiltered
    // listing only; empty otherwise).
    std::vector<ProviderWithoutLicense> providersWithoutLicense;
    bool operator==(const LicenseList &) const = default;
};

// admin: record a license (no id) or replace one (id and the version read).
// Setting status "verified" or "rejected" records who and when.
// Reply: license_list with the license.
struct SaveLicense {
    static constexpr MessageType kType = MessageType::SaveLicense;
    std::optional<std::int64_t> id;
    std::optional<std::int64_t> expectedVersion; // with id, required: the version read
    std::int64_t caregiverId = 0;
    std::string state;
    std::string number;
    std::string type;
    std::optional<std::string> issuedOn;
    std::string expiresOn;
    std::string status = "pending";
    std::string reviewNote;
    bool operator==(const SaveLicense &) const = default;
};

// --- bulk import ------------------------------------------------------------------

// admin: caregivers and licenses from a CSV file (see docs/protocol.md for
// its columns). Without apply it is a dry run: nothing changes and the report
// says what would. With apply every row is applied in one transaction, or
// none is when any row has an error. Applying the same file twice changes
// nothing the second time. Reply: import_report; a file that is not readable
// CSV at all is an error naming the line.
struct ImportCaregivers {
    static constexpr MessageType kType = MessageType::ImportCaregivers;
    std::string csv;
    bool apply = false;
    bool operator==(const ImportCaregivers &) const = default;
};

// What one line of the file does (or would do).
struct ImportLine {
    int line = 0;
    std::string username;
    std::string caregiver; // "create" | "update" | "unchanged" | "" (line in error)
    std::string license;   // "create" | "update" | "unchanged" | "none" | ""
    std::string error;     // why the line cannot be applied; empty when it can
    bool operator==(const ImportLine &) const = default;
};

// An invitation for an account the import created (only when applied).
struct ImportedInvite {
    std::string username;
    std::string displayName;
    std::string inviteToken;
    std::int64_t inviteExpiresAt = 0;
    bool operator==(const ImportedInvite &) const = default;
};

struct ImportReport {
    static constexpr MessageType kType = MessageType::ImportReport;
    bool applied = false; // true only when applied and every line was valid
    std::vector<ImportLine> lines;
    std::int64_t errors = 0; // lines with an error
    std::int64_t caregiversCreated = 0;
    std::int64_t caregiversUpdated = 0;
    std::int64_t licensesCreated = 0;
    std::int64_t licensesUpdated = 0;
    std::int64_t unchanged = 0; // lines that change nothing
    std::vector<ImportedInvite> invites;
    bool operator==(const ImportReport &) const = default;
};

} // namespace caredesk::protocol
