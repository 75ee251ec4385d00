#include "scheduling/VisitScheduler.h"

#include "domain/VisitLifecycle.h"
#include "scheduling/QueueFeed.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/ProviderRepository.h"

#include <chrono>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

std::string statusText(VisitStatus status) {
    return std::string(domain::visitStatusName(status));
}

// Length in characters, as PostgreSQL's length() counts them (UTF-8).
std::size_t characterCount(const std::string &text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        count += (c & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

bool isBlank(const std::string &text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

void requireText(const std::string &value, const char *field, std::size_t maxCharacters) {
    if (isBlank(value))
        refuse(ErrorCode::MissingField, std::string(field) + " is required", field);
    if (characterCount(value) > maxCharacters)
        refuse(ErrorCode::OutOfRange,
               std::string(field) + " is longer than " + std::to_string(maxCharacters) +
                   " characters",
               field);
}

// A real calendar date, YYYY-MM-DD, from 1900 up to today anywhere on Earth.
void requireBirthDate(const std::string &text) {
    const auto bad = [] {
        refuse(ErrorCode::OutOfRange, "dateOfBirth must be a past date as YYYY-MM-DD",
               "dateOfBirth");
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        bad();
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
            if (text[k] < '0' || text[k] > '9')
                bad();
            parts[i] = parts[i] * 10 + (text[k] - '0');
        }
    }
    const std::chrono::year_month_day date{std::chrono::year{parts[0]},
                                           std::chrono::month{static_cast<unsigned>(parts[1])},
                                           std::chrono::day{static_cast<unsigned>(parts[2])}};
    // UTC+14 is the earliest calendar on Earth.
    const auto latest = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                              std::chrono::hours(14));
    if (!date.ok() || date.year() < std::chrono::year{1900} || std::chrono::sys_days{date} > latest)
        bad();
}

void requirePriority(int priority) {
    if (priority < 0 || priority > VisitScheduler::kMaxPriority)
        refuse(ErrorCode::OutOfRange,
               "priority must be between 0 and " + std::to_string(VisitScheduler::kMaxPriority),
               "priority");
}

// The caregiver can be routed visits at all: exists, active, provider, available.
// Locks their rows for the rest of the transaction (see ProviderRepository).
void requireRoutable(pqxx::transaction_base &tx, std::int64_t providerId) {
    const auto standing = ProviderRepository::lockStanding(tx, providerId);
    if (!standing)
        refuse(ErrorCode::NotFound, "no such caregiver", "providerId");
    if (!standing->active)
        refuse(ErrorCode::NotAProvider, "this caregiver's account is deactivated", "providerId");
    if (!standing->provider)
        refuse(ErrorCode::NotAProvider, "this caregiver does not hold the provider role",
               "providerId");
    const auto &availability = standing->availability;
    if (availability.status == domain::AvailabilityStatus::OnBreak)
        refuse(ErrorCode::ProviderUnavailable, "the provider is on a break", "providerId");
    if (availability.status != domain::AvailabilityStatus::Available)
        refuse(ErrorCode::ProviderUnavailable, "the provider is offline", "providerId");
    if (availability.shiftOver)
        refuse(ErrorCode::ProviderUnavailable, "the provider's shift has ended", "providerId");
    if (!availability.onShift)
        refuse(ErrorCode::ProviderUnavailable, "the provider's shift has not started yet",
               "providerId");
}

void requireLicensed(pqxx::transaction_base &tx, std::int64_t providerId,
                     const std::string &jurisdictionCode) {
    if (!ProviderRepository::isLicensedIn(tx, providerId, jurisdictionCode))
        refuse(ErrorCode::NotLicensed,
               "the provider holds no verified, unexpired license for " + jurisdictionCode,
               "providerId");
}

VisitRecord lockVisit(pqxx::transaction_base &tx, std::int64_t visitId) {
    auto visit = VisitRepository::lock(tx, visitId);
    if (!visit)
        refuse(ErrorCode::NotFound, "no such visit", "visitId");
    return std::move(*visit);
}

// The one place the lifecycle rules (shared with the console) are asked.
// Whether this particular caregiver may act on this particular visit
// (licenses, being the assigned provider) is checked on top of it.
void requireTransition(VisitStatus from, VisitStatus to, const VisitActor &actor,
                       const std::string &reason = {}) {
    const auto refusal = domain::checkVisitTransition(from, to, actor.kind, reason);
    if (!refusal)
        return;
    using Kind = domain::VisitTransitionError::Kind;
    switch (refusal->kind) {
    case Kind::ActorNotAllowed:
        refuse(ErrorCode::Forbidden, refusal->message);
    case Kind::ReasonRequired:
        refuse(ErrorCode::MissingField, refusal->message, "reason");
    case Kind::Unchanged:
    case Kind::FromTerminal:
    case Kind::NotAllowed:
        break;
    }
    refuse(ErrorCode::InvalidTransition, refusal->message);
}

AuditEvent::Actor auditActor(domain::ActorKind kind) {
    switch (kind) {
    case domain::ActorKind::Patient:
        return AuditEvent::Actor::Patient;
    case domain::ActorKind::System:
        return AuditEvent::Actor::System;
    case domain::ActorKind::Support:
    case domain::ActorKind::Provider:
    case domain::ActorKind::Admin:
        break;
    }
    return AuditEvent::Actor::Caregiver;
}

// One audit event by the actor about a visit or a caregiver.
void appendAudit(pqxx::transaction_base &tx, const VisitActor &actor, const char *action,
                 const char *subjectType, std::int64_t subjectId, nlohmann::json detail) {
    AuditEvent event;
    event.actorKind = auditActor(actor.kind);
    event.actorId = actor.id;
    event.action = action;
    event.subjectType = subjectType;
    event.subjectId = std::to_string(subjectId);
    event.clientAddress = actor.clientAddress;
    event.detail = std::move(detail);
    AuditLog::append(tx, event);
}

// About a visit, saying in which role a caregiver acted.
void audit(pqxx::transaction_base &tx, const VisitActor &actor, const char *action,
           std::int64_t visitId, nlohmann::json detail) {
    if (actor.isCaregiver())
        detail["as"] = std::string(domain::actorKindName(actor.kind));
    appendAudit(tx, actor, action, "visit", visitId, std::move(detail));
}

void recordAssignment(pqxx::transaction_base &tx, VisitStatus from, const VisitRecord &visit,
                      const VisitActor &actor, const char *how) {
    VisitRepository::appendEvent(tx, visit.id, from, VisitStatus::Assigned, actor,
                                 visit.assignedProviderId, how);
    audit(tx, actor, "visit.assign", visit.id,
          {{"from", statusText(from)},
           {"to", statusText(VisitStatus::Assigned)},
           {"providerId", *visit.assignedProviderId},
           {"state", visit.jurisdictionCode},
           {"how", how}});
}

// The caregiver exists and, to be made available, is an active provider.
// Anyone may be set on break or offline, or given a shift, if they hold the role.
void requireProvider(pqxx::transaction_base &tx, std::int64_t providerId,
                     std::optional<domain::AvailabilityStatus> status) {
    const auto caregiver = CaregiverRepository::findById(tx, providerId);
    if (!caregiver)
        refuse(ErrorCode::NotFound, "no such caregiver", "providerId");
    const bool available = status == domain::AvailabilityStatus::Available;
    if (available && !caregiver->summary.active)
        refuse(ErrorCode::NotAProvider, "this caregiver's account is deactivated", "providerId");
    if ((available || !status) && !caregiver->summary.roles.has(domain::Role::Provider))
        refuse(ErrorCode::NotAProvider, "this caregiver does not hold the provider role",
               "providerId");
}

} // namespace

VisitRecord VisitScheduler::createVisit(pqxx::transaction_base &tx, const NewVisit &visit,
                                        const VisitActor &actor) {
    if (visit.jurisdictionCode.empty())
        refuse(ErrorCode::MissingField, "state is required", "state");
    const auto enabled = VisitRepository::jurisdictionEnabled(tx, visit.jurisdictionCode);
    if (!enabled || !*enabled)
        refuse(ErrorCode::OutOfRange, "visits are not offered for this state", "state");
    requireText(visit.firstName, "firstName", 100);
    requireText(visit.lastName, "lastName", 100);
    requireBirthDate(visit.dateOfBirth);
    requireText(visit.reason, "reason", 2000);
    requireText(visit.contact, "contact", 254);
    requirePriority(visit.priority);

    const VisitRecord created = VisitRepository::insert(tx, visit);
    VisitActor who = actor;
    if (who.kind == domain::ActorKind::Patient && !who.id)
        who.id = created.id;
    VisitRepository::appendEvent(tx, created.id, std::nullopt, created.status, who, std::nullopt,
                                 {});
    audit(tx, who, "visit.create", created.id,
          {{"state", created.jurisdictionCode}, {"priority", created.priority}});
    return created;
}

std::optional<VisitRecord> VisitScheduler::claimNext(pqxx::transaction_base &tx,
                                                     std::int64_t providerId,
                                                     const std::string &clientAddress) {
    requireRoutable(tx, providerId);
    // Licenses in force at this transaction's now(), the same instant the claim happens at.
    auto claim = VisitRepository::claimNext(tx, providerId,
                                            ProviderRepository::licensedStates(tx, providerId));
    if (!claim)
        return std::nullopt;
    const auto provider = VisitActor::caregiver(providerId, domain::Role::Provider, clientAddress);
    // The claim statement picks queued visits in SQL; it must agree with the rules.
    requireTransition(claim->from, VisitStatus::Assigned, provider);
    recordAssignment(tx, claim->from, claim->visit, provider, "take_next");
    return std::move(claim->visit);
}

VisitRecord VisitScheduler::assign(pqxx::transaction_base &tx, std::int64_t visitId,
                                   std::int64_t providerId, const VisitActor &actor) {
    const VisitRecord locked = lockVisit(tx, visitId);
    requireTransition(locked.status, VisitStatus::Assigned, actor);
    requireRoutable(tx, providerId);
    requireLicensed(tx, providerId, locked.jurisdictionCode);
    auto updated = VisitRepository::updateStatus(tx, visitId, locked.status, VisitStatus::Assigned,
                                                 providerId, {});
    if (!updated)
        refuse(ErrorCode::InvalidTransition, "the visit changed while it was being assigned");
    recordAssignment(tx, locked.status, *updated, actor, "staff");
    return std::move(*updated);
}

VisitRecord VisitScheduler::transition(pqxx::transaction_base &tx, std::int64_t visitId,
                                       VisitStatus to, const VisitActor &actor,
                                       const std::string &reason) {
    if (to == VisitStatus::Assigned)
        refuse(ErrorCode::InvalidTransition,
               "visits are assigned by take-next or by assigning a provider");
    if (characterCount(reason) > 500)
        refuse(ErrorCode::OutOfRange, "reason is longer than 500 characters", "reason");

    const VisitRecord locked = lockVisit(tx, visitId);
    requireTransition(locked.status, to, actor, reason);
    if (actor.kind == domain::ActorKind::Patient && actor.id != locked.id)
        refuse(ErrorCode::Forbidden, "a patient acts only on their own visit");
    if (actor.kind == domain::ActorKind::Provider && actor.id != locked.assignedProviderId)
        refuse(ErrorCode::Forbidden, "only the provider the visit is assigned to can do this");
    if (to == VisitStatus::InVisit) {
        const auto standing = ProviderRepository::lockStanding(tx, *locked.assignedProviderId);
        if (!standing || !standing->active || !standing->provider)
            refuse(ErrorCode::NotAProvider, "the assigned caregiver can no longer see patients");
        requireLicensed(tx, *locked.assignedProviderId, locked.jurisdictionCode);
    }

    auto updated =
        VisitRepository::updateStatus(tx, visitId, locked.status, to, std::nullopt, reason);
    if (!updated)
        refuse(ErrorCode::InvalidTransition, "the visit changed while it was being updated");
    VisitRepository::appendEvent(tx, visitId, locked.status, to, actor, updated->assignedProviderId,
                                 reason);
    nlohmann::json detail{{"from", statusText(locked.status)}, {"to", statusText(to)}};
    if (!reason.empty())
        detail["reason"] = reason;
    audit(tx, actor, "visit.status", visitId, std::move(detail));
    return std::move(*updated);
}

VisitRecord VisitScheduler::setPriority(pqxx::transaction_base &tx, std::int64_t visitId,
                                        int priority, const VisitActor &actor) {
    requirePriority(priority);
    const VisitRecord locked = lockVisit(tx, visitId);
    if (domain::isTerminal(locked.status))
        refuse(ErrorCode::InvalidTransition,
               "the visit is " + statusText(locked.status) + "; its priority no longer matters");
    if (locked.priority == priority)
        return locked;
    VisitRecord updated = VisitRepository::setPriority(tx, visitId, priority);
    audit(tx, actor, "visit.priority", visitId, {{"from", locked.priority}, {"to", priority}});
    return updated;
}

bool VisitScheduler::setAvailability(pqxx::transaction_base &tx, std::int64_t providerId,
                                     domain::AvailabilityStatus status, const VisitActor &actor) {
    if (!domain::isSettableAvailability(status))
        refuse(ErrorCode::OutOfRange, "\"in_visit\" follows from the provider's visits", "status");
    requireProvider(tx, providerId, status);
    const auto before = ProviderRepository::availability(tx, providerId, true);
    // Going available starts a new stretch of work: a shift that is over
    // belongs to the last one.
    if (status == domain::AvailabilityStatus::Available && before.shiftOver)
        setShift(tx, providerId, std::nullopt, std::nullopt, actor);
    if (!ProviderRepository::setStatus(tx, providerId, status))
        return false;
    appendAudit(tx, actor, "provider.availability", "caregiver", providerId,
                {{"from", domain::availabilityStatusName(before.status)},
                 {"to", domain::availabilityStatusName(status)}});
    return true;
}

bool VisitScheduler::setShift(pqxx::transaction_base &tx, std::int64_t providerId,
                              std::optional<protocol::EpochMs> startsAt,
                              std::optional<protocol::EpochMs> endsAt, const VisitActor &actor) {
    using std::chrono::milliseconds;
    if (startsAt && endsAt && *endsAt <= *startsAt)
        refuse(ErrorCode::OutOfRange, "the shift must end after it starts", "endsAt");
    if (startsAt && endsAt && milliseconds(*endsAt - *startsAt) > kMaxShift)
        refuse(ErrorCode::OutOfRange, "a shift lasts at most 24 hours", "endsAt");
    const auto nowMs =
        tx.exec1("SELECT (extract(epoch FROM now()) * 1000)::bigint")[0].as<protocol::EpochMs>();
    if (endsAt && *endsAt <= nowMs)
        refuse(ErrorCode::OutOfRange, "the shift's end has already passed", "endsAt");
    requireProvider(tx, providerId, std::nullopt);
    const auto before = ProviderRepository::availability(tx, providerId, true);
    if (before.shiftStartsAt == startsAt && before.shiftEndsAt == endsAt)
        return false;
    ProviderRepository::setShift(tx, providerId, startsAt, endsAt);
    const auto shift = [](std::optional<protocol::EpochMs> starts,
                          std::optional<protocol::EpochMs> ends) {
        return nlohmann::json{{"startsAt", starts ? nlohmann::json(*starts) : nullptr},
                              {"endsAt", ends ? nlohmann::json(*ends) : nullptr}};
    };
    appendAudit(tx, actor, "provider.shift", "caregiver", providerId,
                {{"before", shift(before.shiftStartsAt, before.shiftEndsAt)},
                 {"after", shift(startsAt, endsAt)}});
    return true;
}

int VisitScheduler::leaveRouting(pqxx::transaction_base &tx, std::int64_t providerId,
                                 const VisitActor &actor, const std::string &reason) {
    if (ProviderRepository::setStatus(tx, providerId, domain::AvailabilityStatus::Offline))
        QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(providerId));
    const auto assigned = tx.exec_params("SELECT id FROM visits WHERE assigned_provider_id = $1 "
                                         "AND status = 'assigned' ORDER BY id FOR UPDATE",
                                         providerId);
    for (const auto &row : assigned) {
        const auto visitId = row[0].as<std::int64_t>();
        transition(tx, visitId, VisitStatus::Waiting, actor, reason);
        QueueFeed::notifyQueueChange(tx, "visit:" + std::to_string(visitId));
    }
    return static_cast<int>(assigned.size());
}

} // namespace caredesk::server
