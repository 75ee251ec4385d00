#include "handlers/VisitHandler.h"

#include "app/Logging.h"
#include "chat/ChatFeed.h"
#include "scheduling/PatientPresence.h"
#include "scheduling/ProviderPresence.h"
#include "scheduling/QueueBoard.h"
#include "scheduling/QueueFeed.h"
#include "scheduling/VisitIntake.h"
#include "scheduling/VisitScheduler.h"
#include "security/SessionToken.h"
#include "storage/AuditLog.h"
#include "storage/ChatViews.h"
#include "storage/DatabasePool.h"
#include "storage/JurisdictionRepository.h"
#include "storage/PatientPresenceRepository.h"
#include "storage/ProviderRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using domain::Role;

std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("sched");
}

[[noreturn]] void refuse(protocol::ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

// The role a caregiver acts in for staff actions: admin if they hold it.
VisitActor staffActor(Request &request) {
    const auto &caregiver = request.identity().caregiver;
    const Role role = caregiver.roles.has(Role::Admin) ? Role::Admin : Role::Support;
    return VisitActor::caregiver(caregiver.id, role, request.connection().remoteAddress());
}

VisitActor providerActor(Request &request) {
    return VisitActor::caregiver(request.identity().caregiver.id, Role::Provider,
                                 request.connection().remoteAddress());
}

void announce(pqxx::work &tx, const VisitRecord &visit) {
    QueueFeed::notifyQueueChange(tx, "visit:" + std::to_string(visit.id));
    // The milestones a chatting patient should also read in their thread;
    // the visit's version makes each one a message of its own.
    const char *text = visit.status == domain::VisitStatus::Assigned
                           ? "A provider has been assigned and will be with you shortly."
                       : visit.status == domain::VisitStatus::InVisit
                           ? "Your provider is joining the video visit now."
                           : nullptr;
    if (text)
        ChatFeed::postSystemMessage(tx, visit.id,
                                    std::string(domain::visitStatusName(visit.status)) + "-v" +
                                        std::to_string(visit.version),
                                    text);
}

} // namespace

VisitHandler::VisitHandler(DatabasePool &database, QueueFeed &feed, PatientPresence &presence,
                           const domain::TimeZoneDatabase &zones)
    : m_database(database)
    , m_feed(feed)
    , m_presence(presence)
    , m_zones(zones) {}

void VisitHandler::registerRoutes(RouteTable &routes) {
    using Access = Route::Access;
    routes.anonymous<protocol::ListStates>(
        Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::ListStates) { listStates(r); });
    routes.anonymous<protocol::VisitRequest>(
        Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::VisitRequest m) { requestVisit(r, m); });
    routes.anonymous<protocol::VisitResume>(
        Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::VisitResume m) { resumeVisit(r, m); });
    routes.anonymous<protocol::VisitCancel>(
        Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::VisitCancel) { cancelVisit(r); });

    const domain::RoleSet staff{Role::Support, Role::Admin};
    const domain::RoleSet providers{Role::Provider};

    routes.authenticated<protocol::QueueSubscribe>(
        {}, [this](pqxx::work &tx, Request &request, const protocol::QueueSubscribe &) {
            // Reading the board reads patient data: audited.
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::Caregiver;
            event.actorId = request.identity().caregiver.id;
            event.action = "queue.board_read";
            event.subjectType = "queue";
            event.clientAddress = request.connection().remoteAddress();
            AuditLog::append(tx, event);
            request.setAfterCommit([this, &request] {
                m_feed.subscribeBoard(request.connectionPtr(), request.envelope().id);
            });
            request.handOffAfterCommit();
        });
    routes.authenticated<protocol::SetStateStatus>(
        staff, [](pqxx::work &tx, Request &request, const protocol::SetStateStatus &m) {
            const auto status = domain::stateStatusFromName(m.status);
            if (!status)
                refuse(protocol::ErrorCode::OutOfRange, "unknown status", "body.status");
            if (!JurisdictionRepository::setStatus(tx, m.state, *status,
                                                   request.identity().caregiver.id))
                refuse(protocol::ErrorCode::NotFound, m.state + " is not a state served here",
                       "body.state");
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::Caregiver;
            event.actorId = request.identity().caregiver.id;
            event.action = "state.status_set";
            event.subjectType = "state";
            event.subjectId = m.state;
            event.clientAddress = request.connection().remoteAddress();
            event.detail = {{"status", m.status}};
            AuditLog::append(tx, event);
            QueueFeed::notifyQueueChange(tx, "state:" + m.state);
            if (*status == domain::StateStatus::Busy) {
                const auto key = "busy-" + std::to_string(std::chrono::duration_cast<
                                                              std::chrono::milliseconds>(
                                                              std::chrono::system_clock::now()
                                                                  .time_since_epoch())
                                                              .count());
                for (const auto visitId : ChatViews::threadsInLine(tx, m.state))
                    ChatFeed::postSystemMessage(tx, visitId, key,
                                                "We are busier than usual right now. Thank you "
                                                "for waiting: you keep your place in line.");
            }
            request.stageReply(protocol::Ok{});
        });
    routes.authenticated<protocol::TakeNextVisit>(
        providers, [](pqxx::work &tx, Request &request, const protocol::TakeNextVisit &) {
            const auto visit = VisitScheduler::claimNext(tx, request.identity().caregiver.id,
                                                         request.connection().remoteAddress());
            if (!visit)
                refuse(protocol::ErrorCode::NotFound,
                       "no patient is waiting in the states you are licensed for");
            announce(tx, *visit);
            protocol::VisitAssigned reply;
            reply.visit = QueueBoard::rowFor(*visit, request.identity().caregiver.displayName);
            request.stageReply(reply);
        });
    routes.authenticated<protocol::AssignVisit>(staff, [](pqxx::work &tx, Request &request,
                                                          const protocol::AssignVisit &m) {
        const auto visit = VisitScheduler::assign(tx, m.visitId, m.providerId, staffActor(request));
        announce(tx, visit);
        request.stageReply(protocol::Ok{});
    });
    routes.authenticated<protocol::SetVisitPriority>(
        staff, [](pqxx::work &tx, Request &request, const protocol::SetVisitPriority &m) {
            const auto visit = VisitScheduler::setPriority(
                tx, m.visitId, static_cast<int>(m.priority), staffActor(request));
            announce(tx, visit);
            request.stageReply(protocol::Ok{});
        });
    routes.authenticated<protocol::RemoveVisit>(staff, [](pqxx::work &tx, Request &request,
                                                          const protocol::RemoveVisit &m) {
        const auto visit = VisitScheduler::transition(tx, m.visitId, domain::VisitStatus::Removed,
                                                      staffActor(request), m.reason);
        announce(tx, visit);
        request.stageReply(protocol::Ok{});
    });
    routes.authenticated<protocol::AdvanceVisit>(providers, [](pqxx::work &tx, Request &request,
                                                               const protocol::AdvanceVisit &m) {
        const auto to = domain::visitStatusFromName(m.status);
        if (!to)
            refuse(protocol::ErrorCode::OutOfRange, "unknown status", "body.status");
        const auto visit = VisitScheduler::transition(tx, m.visitId, *to, providerActor(request),
                                                      m.note.value_or(""));
        announce(tx, visit);
        request.stageReply(protocol::Ok{});
    });
    routes.authenticated<protocol::FileVisit>(staff, [this](pqxx::work &tx, Request &request,
                                                            const protocol::FileVisit &m) {
        if (!m.patient.consent)
            refuse(protocol::ErrorCode::OutOfRange,
                   "the patient must agree to the terms before a visit is filed", "body.consent");
        const auto outcome = VisitIntake::file(tx, m_zones, m.patient, static_cast<int>(m.priority),
                                               staffActor(request));
        if (outcome.refused)
            return request.stageReply(*outcome.refused);
        logger()->info("conn={} visit={} filed by staff", request.connection().id(),
                       outcome.visitId);
        request.stageReply(*outcome.accepted);
    });
    routes.authenticated<protocol::SetAvailability>(
        providers, [](pqxx::work &tx, Request &request, const protocol::SetAvailability &m) {
            const auto self = request.identity().caregiver.id;
            const auto status = domain::availabilityStatusFromName(m.status);
            if (!status)
                refuse(protocol::ErrorCode::OutOfRange, "unknown status", "body.status");
            if (VisitScheduler::setAvailability(tx, self, *status, providerActor(request)))
                QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(self));
            // Signing on from a console counts as being seen there: the grace
            // before going offline starts now, not at some older stamp.
            ProviderPresence::markSeen(tx, self);
            request.stageReply(protocol::Ok{});
        });
    routes.authenticated<protocol::SetShift>(
        {Role::Provider, Role::Admin},
        [](pqxx::work &tx, Request &request, const protocol::SetShift &m) {
            const auto &identity = request.identity().caregiver;
            const auto self = identity.id;
            const bool admin = identity.roles.has(Role::Admin);
            if (m.providerId && *m.providerId != self && !admin)
                refuse(protocol::ErrorCode::Forbidden,
                       "only an admin sets another provider's shift", "body.providerId");
            const auto providerId = m.providerId.value_or(self);
            const auto actor = providerId == self && identity.roles.has(Role::Provider)
                                   ? providerActor(request)
                                   : VisitActor::caregiver(self, Role::Admin,
                                                           request.connection().remoteAddress());
            if (VisitScheduler::setShift(tx, providerId, m.startsAt, m.endsAt, actor))
                QueueFeed::notifyQueueChange(tx, "provider:" + std::to_string(providerId));
            request.stageReply(protocol::Ok{});
        });
}

void VisitHandler::listStates(const std::shared_ptr<Request> &request) {
    auto reply = std::make_shared<protocol::StateList>();
    m_database.submit(
        [this, reply](pqxx::work &tx) {
            const auto board = QueueBoard::load(tx, m_zones);
            reply->states.clear();
            for (const auto &state : board.states()) {
                protocol::StateInfo info;
                info.code = state.code;
                info.name = state.name;
                info.status = state.status;
                info.nextOpenAt = state.nextOpenAt;
                reply->states.push_back(std::move(info));
            }
        },
        [request, reply](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            request->reply(*reply);
        });
}

void VisitHandler::requestVisit(const std::shared_ptr<Request> &request,
                                const protocol::VisitRequest &form) {
    if (!form.consent)
        return request->fail({protocol::ErrorCode::OutOfRange,
                              "please agree to the terms to request a visit",
                              "body.consent",
                              {}});
    if (request->connection().patientVisit())
        return request->fail({protocol::ErrorCode::InvalidTransition,
                              "this connection already has a visit; cancel it first",
                              {},
                              {}});
    auto outcome = std::make_shared<VisitIntake::Outcome>();
    const std::string address = request->connection().remoteAddress();
    m_database.submit(
        [this, form, outcome, address](pqxx::work &tx) {
            *outcome =
                VisitIntake::file(tx, m_zones, form, 0, VisitActor::patient(std::nullopt, address));
            if (outcome->accepted)
                PatientPresenceRepository::markSeen(tx, outcome->visitId);
        },
        [this, request, outcome](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            if (outcome->refused) {
                logger()->info("conn={} intake refused: {}", request->connection().id(),
                               outcome->refused->reason);
                return request->reply(*outcome->refused);
            }
            request->connection().setPatientVisit(outcome->visitId);
            m_feed.followVisit(request->connectionPtr(), outcome->visitId);
            m_presence.watch(request->connectionPtr(), outcome->visitId);
            logger()->info("conn={} visit={} accepted", request->connection().id(),
                           outcome->visitId);
            request->reply(*outcome->accepted);
        });
}

void VisitHandler::resumeVisit(const std::shared_ptr<Request> &request,
                               const protocol::VisitResume &resume) {
    auto view = std::make_shared<std::optional<protocol::PatientVisit>>();
    const auto tokenHash = SessionToken::hashOf(resume.token);
    m_database.submit(
        [this, tokenHash, view](pqxx::work &tx) {
            // First, so that a sweep moving the visit out of the line right now
            // is waited for and its outcome read below.
            PatientPresenceRepository::markSeenByToken(tx, tokenHash);
            const auto visit = VisitRepository::findByPatientToken(tx, tokenHash);
            if (!visit)
                refuse(protocol::ErrorCode::SessionExpired,
                       "this visit is not known here; please request a new visit");
            const auto board = QueueBoard::load(tx, m_zones);
            *view = QueueFeed::patientView(board, visit->id);
            if (!*view) // over: its final status
                *view = QueueFeed::closedView(*visit, board);
        },
        [this, request, view](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            request->connection().setPatientVisit((*view)->visitId);
            if (!domain::isTerminal(*domain::visitStatusFromName((*view)->status))) {
                m_feed.followVisit(request->connectionPtr(), (*view)->visitId);
                m_presence.watch(request->connectionPtr(), (*view)->visitId);
            }
            request->reply(protocol::VisitStatus{**view});
        });
}

void VisitHandler::cancelVisit(const std::shared_ptr<Request> &request) {
    const auto visitId = request->connection().patientVisit();
    if (!visitId)
        return request->fail(
            {protocol::ErrorCode::NotAuthenticated, "request or resume a visit first", {}, {}});
    auto view = std::make_shared<protocol::PatientVisit>();
    const std::string address = request->connection().remoteAddress();
    m_database.submit(
        [this, visitId, view, address](pqxx::work &tx) {
            const auto visit = VisitScheduler::transition(
                tx, *visitId, domain::VisitStatus::Cancelled,
                VisitActor::patient(*visitId, address), "cancelled by the patient");
            announce(tx, visit);
            *view = QueueFeed::closedView(visit, QueueBoard::load(tx, m_zones));
        },
        [request, view](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            request->reply(protocol::VisitStatus{*view});
        });
}

} // namespace caredesk::server
