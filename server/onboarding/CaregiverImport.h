#pragma once

#include "onboarding/AccountAdmin.h"
#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

#include <chrono>

namespace caredesk::server {

// Bulk onboarding from a CSV file: one line per caregiver, or per license of
// a caregiver (repeat the caregiver's columns on each of their lines).
//
//   username, display_name, roles            required on every line
//   email, phone                             optional
//   state, license_number, expires_on        a license, all three or none
//   license_type, issued_on, license_status  optional with a license
//
// Headers are matched without regard to case; columns may come in any order;
// roles are separated by ';' (e.g. "provider;admin"); dates are YYYY-MM-DD;
// license_status is pending (the default), verified or rejected.
//
// Every line goes through the same rules as the console's forms
// (AccountAdmin, LicenseAdmin), each in its own savepoint, so one bad line is
// reported with its number and reason while the others are still checked.
// The whole file runs inside one more savepoint that is rolled back on a dry
// run or when any line failed: what the preview says is what applying does,
// and applying is all or nothing. A caregiver or license that already matches
// its line is left alone, so applying a file twice changes nothing the second
// time (no new invitations either).
class CaregiverImport {
public:
    struct Options {
        bool apply = false;
        std::chrono::seconds inviteValidity{72 * 3600};
    };

    // A file that is not readable CSV, or lacks a required column, throws
    // RequestError (out_of_range, field body.csv) naming the line.
    static protocol::ImportReport run(pqxx::dbtransaction &tx, const AdminActor &actor,
                                      const std::string &csv, const Options &options);
};

} // namespace caredesk::server
