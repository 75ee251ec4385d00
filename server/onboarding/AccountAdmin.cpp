#include "onboarding/AccountAdmin.h"
#include "app/Logging.h"

#include "chat/ChatFeed.h"

#include "domain/AccountRules.h"
#include "handlers/SessionRevocations.h"
#include "scheduling/QueueFeed.h"
#include "scheduling/VisitScheduler.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/ChatRepository.h"
#include "storage/DatabasePool.h"
#include "storage/InviteRepository.h"
#include "storage/ProviderRepository.h"
#include "storage/SessionRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), {}}};
}

void check(const std::optional<std::string> &problem, const std::string &field) {
    if (problem)
        refuse(ErrorCode::OutOfRange, *problem, field);
}

nlohmann::json profileJson(const protocol::CaregiverAccount &account) {
    return {{"username", account.username}, {"displayName", account.displayName},
            {"roles", account.roles.names()}, {"email", account.email},
            {"phone", account.phone},         {"active", account.active}};
}

void audit(pqxx::transaction_base &tx, const AdminActor &actor, std::string action,
           std::int64_t caregiverId, nlohmann::json detail) {
    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = actor.caregiverId;
    event.action = std::move(action);
    event.subjectType = "caregiver";
    event.subjectId = std::to_string(caregiverId);
    event.clientAddress = actor.clientAddress;
    event.detail = std::move(detail);
    AuditLog::append(tx, event);
}

protocol::CaregiverAccount lockedAccount(pqxx::transaction_base &tx, std::int64_t id) {
    auto account = CaregiverRepository::account(tx, id, true);
    if (!account)
        refuse(ErrorCode::NotFound, "no caregiver with id " + std::to_string(id), "body.id");
    return *account;
}

protocol::CaregiverAccount reread(pqxx::transaction_base &tx, std::int64_t id) {
    return *CaregiverRepository::account(tx, id);
}

// An admin cannot lock themselves out (someone else has to): so there is
// always an active admin left who made the change.
void notOnSelf(const AdminActor &actor, const protocol::CaregiverAccount &account,
               const char *what) {
    if (account.id == actor.caregiverId)
        refuse(ErrorCode::Forbidden,
               std::string("you cannot ") + what + " your own account; ask another admin");
}

// Out of routing: offline, and visits handed to them but not started go back
// to the front of their queue. Returns how many went back.
int leaveRouting(pqxx::transaction_base &tx, const AdminActor &actor, std::int64_t providerId,
                 const std::string &reason) {
    return VisitScheduler::leaveRouting(
        tx, providerId,
        VisitActor::caregiver(actor.caregiverId, domain::Role::Admin, actor.clientAddress), reason);
}

// Chats the caregiver owns go back to the pool, where any colleague can claim
// them, with a note saying why; patients are not left talking to nobody.
// Returns how many went back.
int returnChatsToPool(pqxx::transaction_base &tx, const AdminActor &actor,
                      const protocol::CaregiverAccount &account, const std::string &why) {
    const auto owned = tx.exec_params("SELECT t.visit_id FROM chat_threads t "
                                      "JOIN visits v ON v.id = t.visit_id "
                                      "WHERE t.owner_id = $1 AND v.ended_at IS NULL "
                                      "ORDER BY t.visit_id FOR UPDATE OF t",
                                      account.id);
    for (const auto &row : owned) {
        const auto visitId = row[0].as<std::int64_t>();
        const auto thread = ChatRepository::changeOwner(tx, visitId, account.id, std::nullopt);
        const auto appended = ChatRepository::append(
            tx, visitId, ChatParticipant::caregiver(actor.caregiverId),
            "released-" + std::to_string(account.id) + "-" + std::to_string(thread.lastSeq),
            ChatMessageKind::Note, "Returned to the pool: " + account.displayName + why);
        if (appended.inserted)
            ChatFeed::notifyMessage(tx, visitId, appended.message.seq);
        ChatFeed::notifyThread(tx, visitId);
        AuditEvent event;
        event.actorKind = AuditEvent::Actor::Caregiver;
        event.actorId = actor.caregiverId;
        event.action = "chat.owner_changed";
        event.subjectType = "visit";
        event.subjectId = std::to_string(visitId);
        event.clientAddress = actor.clientAddress;
        event.detail = {{"before", account.id}, {"after", nullptr}};
        AuditLog::append(tx, event);
    }
    return static_cast<int>(owned.size());
}

bool isStaff(domain::RoleSet roles) {
    return roles.has(domain::Role::Support) || roles.has(domain::Role::Admin);
}

int endSessions(pqxx::transaction_base &tx, std::int64_t caregiverId, const std::string &reason) {
    const int ended = SessionRepository::revokeAllOf(tx, caregiverId, std::nullopt, reason);
    if (ended > 0)
        SessionRevocations::announce(tx, caregiverId);
    return ended;
}

protocol::CaregiverInvite inviteFor(pqxx::transaction_base &tx, const AdminActor &actor,
                                    std::int64_t caregiverId, std::chrono::seconds validity) {
    const auto issued = InviteRepository::issue(tx, caregiverId, actor.caregiverId, validity);
    protocol::CaregiverInvite invite;
    invite.caregiver = reread(tx, caregiverId);
    invite.inviteToken = issued.token;
    invite.inviteExpiresAt = issued.expiresAt;
    // The code itself is never logged or audited: only that one was issued.
    audit(tx, actor, "caregiver.invite_issued", caregiverId,
          {{"expiresAt", issued.expiresAt}});
    return invite;
}

} // namespace

std::string AccountAdmin::checkedUsername(const std::string &username,
                                          const std::string &fieldPrefix) {
    const std::string value(domain::trimmed(username));
    check(domain::checkUsername(value), fieldPrefix + "username");
    return value;
}

protocol::CaregiverProfile AccountAdmin::checkedProfile(protocol::CaregiverProfile profile,
                                                        const std::string &fieldPrefix) {
    profile.displayName = std::string(domain::trimmed(profile.displayName));
    profile.email = std::string(domain::trimmed(profile.email));
    profile.phone = std::string(domain::trimmed(profile.phone));
    check(domain::checkDisplayName(profile.displayName), fieldPrefix + "displayName");
    if (profile.roles.empty())
        refuse(ErrorCode::OutOfRange, "a caregiver needs at least one role", fieldPrefix + "roles");
    check(domain::checkEmail(profile.email), fieldPrefix + "email");
    check(domain::checkPhone(profile.phone), fieldPrefix + "phone");
    return profile;
}

protocol::CaregiverInvite AccountAdmin::create(pqxx::transaction_base &tx, const AdminActor &actor,
                                               const std::string &username,
                                               const protocol::CaregiverProfile &profile,
                                               std::chrono::seconds inviteValidity) {
    const auto name = checkedUsername(username);
    const auto checked = checkedProfile(profile);
    if (CaregiverRepository::accountByUsername(tx, name))
        refuse(ErrorCode::Conflict, "the username \"" + name + "\" is taken", "body.username");
    const auto created = CaregiverRepository::createInvited(tx, name, checked);
    if (!created) // taken between the check and the insert
        refuse(ErrorCode::Conflict, "the username \"" + name + "\" is taken", "body.username");
    const std::int64_t id = *created;
    const auto account = reread(tx, id);
    audit(tx, actor, "caregiver.created", id, {{"after", profileJson(account)}});
    subsystemLogger("admin")->info("caregiver={} created by caregiver={}", id, actor.caregiverId);
    return inviteFor(tx, actor, id, inviteValidity);
}

protocol::CaregiverAccount AccountAdmin::update(pqxx::transaction_base &tx,
                                                const AdminActor &actor, std::int64_t id,
                                                std::optional<std::int64_t> expectedVersion,
                                                const protocol::CaregiverProfile &profile) {
    const auto checked = checkedProfile(profile);
    const auto before = lockedAccount(tx, id);
    if (expectedVersion && *expectedVersion != before.version)
        refuse(ErrorCode::Conflict,
               before.displayName + "'s account was changed by someone else; reload it and "
                                    "make your change again",
               "body.expectedVersion");
    const bool rolesChanged = before.roles != checked.roles;
    if (rolesChanged && before.roles.has(domain::Role::Admin) &&
        !checked.roles.has(domain::Role::Admin))
        notOnSelf(actor, before, "remove the admin role from");
    if (before.displayName == checked.displayName && !rolesChanged &&
        before.email == checked.email && before.phone == checked.phone)
        return before;
    CaregiverRepository::updateProfile(tx, id, checked);
    auto after = reread(tx, id);
    nlohmann::json detail = {{"before", profileJson(before)}, {"after", profileJson(after)}};
    if (rolesChanged) {
        if (before.roles.has(domain::Role::Provider) && !checked.roles.has(domain::Role::Provider))
            detail["visitsReturned"] = leaveRouting(tx, actor, id, "provider role removed");
        if (isStaff(before.roles) && !isStaff(checked.roles))
            detail["chatsReturned"] =
                returnChatsToPool(tx, actor, before, " no longer works in support.");
        detail["sessionsEnded"] = endSessions(tx, id, "roles changed");
        QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(id));
    }
    audit(tx, actor, "caregiver.updated", id, std::move(detail));
    return after;
}

protocol::CaregiverAccount AccountAdmin::setActive(pqxx::transaction_base &tx,
                                                   const AdminActor &actor, std::int64_t id,
                                                   bool active) {
    const auto before = lockedAccount(tx, id);
    if (before.active == active)
        return before;
    if (!active) {
        notOnSelf(actor, before, "deactivate");
        CaregiverRepository::setActive(tx, id, false);
        nlohmann::json detail;
        detail["sessionsEnded"] = endSessions(tx, id, "deactivated");
        detail["invitesVoided"] = InviteRepository::voidOpen(tx, id);
        detail["visitsReturned"] = leaveRouting(tx, actor, id, "provider deactivated");
        detail["chatsReturned"] =
            returnChatsToPool(tx, actor, before, "'s account was deactivated.");
        QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(id));
        audit(tx, actor, "caregiver.deactivated", id, std::move(detail));
        subsystemLogger("admin")->info("caregiver={} deactivated by caregiver={}", id,
                                       actor.caregiverId);
    } else {
        CaregiverRepository::setActive(tx, id, true);
        QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(id));
        audit(tx, actor, "caregiver.reactivated", id, nlohmann::json::object());
    }
    return reread(tx, id);
}

protocol::CaregiverInvite AccountAdmin::resetAccess(pqxx::transaction_base &tx,
                                                    const AdminActor &actor, std::int64_t id,
                                                    std::chrono::seconds inviteValidity) {
    const auto before = lockedAccount(tx, id);
    if (id == actor.caregiverId)
        refuse(ErrorCode::Forbidden,
               "you cannot reset your own access; change your password instead, or ask "
               "another admin");
    if (!before.active)
        refuse(ErrorCode::InvalidTransition,
               before.displayName + "'s account is deactivated; reactivate it first", "body.id");
    CaregiverRepository::clearPassword(tx, id);
    nlohmann::json detail;
    detail["sessionsEnded"] = endSessions(tx, id, "access reset");
    if (before.roles.has(domain::Role::Provider))
        detail["visitsReturned"] = leaveRouting(tx, actor, id, "provider's access reset");
    audit(tx, actor, "caregiver.access_reset", id, std::move(detail));
    return inviteFor(tx, actor, id, inviteValidity);
}

} // namespace caredesk::server
