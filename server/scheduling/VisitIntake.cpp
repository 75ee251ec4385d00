#include "scheduling/VisitIntake.h"

#include "domain/IntakeDecision.h"
#include "domain/VisitStatus.h"
#include "protocol/Messages.h"
#include "scheduling/QueueBoard.h"
#include "scheduling/QueueFeed.h"
#include "scheduling/VisitScheduler.h"
#include "security/SessionToken.h"
#include "storage/DatabasePool.h"
#include "storage/JurisdictionRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

std::string refusalReason(domain::IntakeOutcome outcome) {
    switch (outcome) {
    case domain::IntakeOutcome::RefusedClosed:
        return "closed";
    case domain::IntakeOutcome::RefusedAtCapacity:
        return "at_capacity";
    case domain::IntakeOutcome::ThrottledBusy:
        return "busy";
    case domain::IntakeOutcome::Accepted:
        break;
    }
    return "closed";
}

// Queued visits a new one with this priority would wait behind: those of
// the same or a higher priority (ordering is priority, then arrival).
int visitsAhead(const QueueBoard &board, const std::string &state, int priority) {
    int ahead = 0;
    for (const auto &visit : board.visits()) {
        const auto status = domain::visitStatusFromName(visit.status);
        if (visit.state == state && status && domain::isQueued(*status) &&
            visit.priority >= priority)
            ++ahead;
    }
    return ahead;
}

} // namespace

VisitIntake::Outcome VisitIntake::file(pqxx::work &tx, const domain::TimeZoneDatabase &zones,
                                       const protocol::VisitRequest &form, int priority,
                                       const VisitActor &actor) {
    const auto settings = JurisdictionRepository::lockForIntake(tx, form.state);
    if (!settings)
        throw RequestError{{protocol::ErrorCode::NotFound,
                            "visits are not offered for " + form.state + " here", "body.state",
                            std::nullopt}};
    const auto board = QueueBoard::load(tx, zones);
    const auto zone = board.zone(form.state);
    domain::IntakeRequest intake;
    intake.now = board.now();
    intake.manualStatus = settings->manualStatus;
    intake.waitingCount = board.queuedIn(form.state);
    intake.priority = priority > 0;
    if (intake.priority)
        intake.visitsAhead = visitsAhead(board, form.state, priority);
    intake.estimatedWait = board.newArrivalWait(form.state, priority);
    intake.recentAcceptances =
        JurisdictionRepository::arrivalsSince(tx, form.state, std::chrono::hours(1));
    intake.cap.maxQueueLength = settings->queueCap;
    if (settings->busyMaxPerHour)
        intake.busy.maxNewVisitsPerHour = *settings->busyMaxPerHour;
    intake.stateName = settings->name;
    const auto decision = domain::decideIntake(intake, settings->hours, *zone);

    Outcome outcome;
    if (decision.outcome != domain::IntakeOutcome::Accepted) {
        outcome.refused = std::make_shared<protocol::IntakeRefused>();
        outcome.refused->reason = refusalReason(decision.outcome);
        outcome.refused->message = decision.patientText;
        if (decision.nextOpening)
            outcome.refused->nextOpenAt = toEpochMs(*decision.nextOpening);
        if (decision.estimatedWait)
            outcome.refused->estimatedWaitSeconds = decision.estimatedWait->count();
        return outcome;
    }
    const auto token = SessionToken::generate();
    NewVisit visit;
    visit.jurisdictionCode = form.state;
    visit.firstName = form.firstName;
    visit.lastName = form.lastName;
    visit.dateOfBirth = form.dateOfBirth;
    visit.reason = form.reason;
    visit.contact = form.contact;
    visit.patientTokenHash = token.hash;
    visit.priority = priority;
    const auto created = VisitScheduler::createVisit(tx, visit, actor);
    QueueFeed::notifyQueueChange(tx, "visit:" + std::to_string(created.id));

    outcome.accepted = std::make_shared<protocol::VisitAccepted>();
    auto &accepted = *outcome.accepted;
    accepted.token = token.token;
    accepted.visit.visitId = created.id;
    accepted.visit.state = created.jurisdictionCode;
    accepted.visit.status = std::string(domain::visitStatusName(created.status));
    accepted.visit.position = decision.position;
    if (decision.estimatedWait)
        accepted.visit.estimatedWaitSeconds = decision.estimatedWait->count();
    accepted.visit.stateStatus = std::string(domain::stateStatusName(decision.effectiveStatus));
    outcome.visitId = created.id;
    return outcome;
}

} // namespace caredesk::server
