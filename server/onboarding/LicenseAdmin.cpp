#include "onboarding/LicenseAdmin.h"

#include "domain/AccountRules.h"
#include "scheduling/QueueFeed.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/LicenseRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), {}}};
}

nlohmann::json licenseJson(const protocol::License &license) {
    nlohmann::json out = {{"caregiverId", license.caregiverId},
                          {"state", license.state},
                          {"number", license.number},
                          {"type", license.type},
                          {"expiresOn", license.expiresOn},
                          {"status", license.status},
                          {"reviewNote", license.reviewNote}};
    out["issuedOn"] = license.issuedOn ? nlohmann::json(*license.issuedOn) : nlohmann::json();
    return out;
}

LicenseFields fieldsOf(const protocol::SaveLicense &license) {
    return {license.state,   license.number,    license.type,
            license.issuedOn, license.expiresOn, license.reviewNote};
}

// Whether what the review vouched for is still what it was.
bool sameCredential(const protocol::License &before, const protocol::SaveLicense &after) {
    return before.state == after.state && before.number == after.number &&
           before.issuedOn == after.issuedOn && before.expiresOn == after.expiresOn;
}

bool unchanged(const protocol::License &before, const protocol::SaveLicense &after) {
    return sameCredential(before, after) && before.type == after.type &&
           before.status == after.status && before.reviewNote == after.reviewNote;
}

LicenseReview reviewFor(const std::string &status) {
    if (status == "verified")
        return LicenseReview::Verify;
    if (status == "rejected")
        return LicenseReview::Reject;
    return LicenseReview::Pending;
}

// The license fields trimmed and checked (dates in order, state known).
protocol::SaveLicense checked(pqxx::transaction_base &tx, protocol::SaveLicense license,
                              const std::string &fieldPrefix) {
    license.number = std::string(domain::trimmed(license.number));
    license.type = std::string(domain::trimmed(license.type));
    license.reviewNote = std::string(domain::trimmed(license.reviewNote));
    if (auto problem = domain::checkLicenseNumber(license.number))
        refuse(ErrorCode::OutOfRange, *problem, fieldPrefix + "number");
    if (auto problem = domain::checkLicenseType(license.type))
        refuse(ErrorCode::OutOfRange, *problem, fieldPrefix + "type");
    if (license.issuedOn && *license.issuedOn > license.expiresOn)
        refuse(ErrorCode::OutOfRange, "a license cannot expire before it was issued",
               fieldPrefix + "expiresOn");
    if (tx.exec_params("SELECT 1 FROM jurisdictions WHERE code = $1", license.state).empty())
        refuse(ErrorCode::NotFound, "CareDesk does not know the state " + license.state,
               fieldPrefix + "state");
    if (license.status != "pending" && license.status != "verified" &&
        license.status != "rejected")
        refuse(ErrorCode::OutOfRange, "a license status is pending, verified or rejected",
               fieldPrefix + "status");
    return license;
}

} // namespace

protocol::License LicenseAdmin::save(pqxx::transaction_base &tx, const AdminActor &actor,
                                     const protocol::SaveLicense &request,
                                     const std::string &fieldPrefix) {
    const auto license = checked(tx, request, fieldPrefix);
    const auto holder = CaregiverRepository::findById(tx, license.caregiverId);
    if (!holder)
        refuse(ErrorCode::NotFound, "no caregiver with id " + std::to_string(license.caregiverId),
               fieldPrefix + "caregiverId");
    if (!holder->summary.roles.has(domain::Role::Provider))
        refuse(ErrorCode::NotAProvider,
               holder->summary.displayName +
                   " is not a provider; give them the provider role before recording a license",
               fieldPrefix + "caregiverId");
    const std::string duplicate = holder->summary.displayName + " already has license " +
                                  license.number + " in " + license.state;

    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = actor.caregiverId;
    event.subjectType = "license";
    event.clientAddress = actor.clientAddress;

    std::int64_t id = 0;
    if (!license.id) {
        const auto created = LicenseRepository::insert(tx, license.caregiverId, fieldsOf(license),
                                                       reviewFor(license.status),
                                                       actor.caregiverId);
        if (!created)
            refuse(ErrorCode::Conflict, duplicate, fieldPrefix + "number");
        id = *created;
        event.action = "license.created";
    } else {
        id = *license.id;
        const auto before = LicenseRepository::find(tx, id, true);
        if (!before)
            refuse(ErrorCode::NotFound, "no license with id " + std::to_string(id),
                   fieldPrefix + "id");
        if (before->caregiverId != license.caregiverId)
            refuse(ErrorCode::OutOfRange,
                   "a license stays with its provider; record a new one for someone else",
                   fieldPrefix + "caregiverId");
        if (!license.expectedVersion)
            refuse(ErrorCode::MissingField,
                   "expectedVersion is required with id: the version of the license as read",
                   fieldPrefix + "expectedVersion");
        if (before->version != *license.expectedVersion)
            refuse(ErrorCode::Conflict,
                   "this license was changed by someone else; reload it and make your change "
                   "again",
                   fieldPrefix + "expectedVersion");
        if (unchanged(*before, license))
            return *before;
        const auto review = before->status == license.status && sameCredential(*before, license)
                                ? LicenseReview::Keep
                                : reviewFor(license.status);
        if (!LicenseRepository::update(tx, id, fieldsOf(license), review, actor.caregiverId))
            refuse(ErrorCode::Conflict, duplicate, fieldPrefix + "number");
        event.action = "license.updated";
        event.detail["before"] = licenseJson(*before);
    }
    const auto after = *LicenseRepository::find(tx, id);
    event.subjectId = std::to_string(id);
    event.detail["after"] = licenseJson(after);
    AuditLog::append(tx, event);
    QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(license.caregiverId));
    return after;
}

} // namespace caredesk::server
