// Codec of the visit and queue messages declared in VisitMessages.h.

#include "protocol/CodecSupport.h"
#include "protocol/Messages.h"

#include <array>
#include <chrono>
#include <limits>
#include <string_view>

namespace caredesk::protocol {

namespace {

using codec::kMaxCount;
using codec::kMaxId;
using codec::kMaxTimeZoneBytes;
using codec::readArray;
using codec::readDate;
using codec::kVisitStatusNames;
using codec::readName;
using codec::readOptionalTime;
using codec::readStateCode;
using codec::readTime;
using codec::writeArray;
using codec::writeOptional;

constexpr std::array<std::string_view, 3> kStateStatusNames{"open", "busy", "closed"};
constexpr std::array<std::string_view, 3> kRefusalReasonNames{"closed", "at_capacity", "busy"};
// The moves a provider makes on their own visit; "waiting" hands it back.
constexpr std::array<std::string_view, 4> kAdvanceStatusNames{"in_visit", "completed", "no_show",
                                                              "waiting"};

constexpr std::array<std::string_view, 4> kProviderStatusNames{"available", "in_visit", "on_break",
                                                               "offline"};
// What a provider sets; "in_visit" follows from their visits.
constexpr std::array<std::string_view, 3> kSettableProviderStatusNames{"available", "on_break",
                                                                       "offline"};

constexpr std::size_t kMinContactBytes = 3; // shorter is no phone number or email address
std::int64_t readVisitId(BodyReader &in, const char *field) {
    return in.integer(field, 1, kMaxId);
}

std::string readPersonName(BodyReader &in, const char *field) {
    return in.string(field, 1, kMaxNameBytes);
}

// --- shared objects -------------------------------------------------------------

void writeStateInfo(nlohmann::json &out, const StateInfo &state) {
    out["code"] = state.code;
    out["name"] = state.name;
    out["status"] = state.status;
    writeOptional(out, "nextOpenAt", state.nextOpenAt);
}

void readStateInfo(BodyReader &in, StateInfo &state) {
    state.code = readStateCode(in, "code");
    state.name = in.string("name", 1, kMaxNameBytes);
    state.status = readName(in, "status", kStateStatusNames);
    state.nextOpenAt = readOptionalTime(in, "nextOpenAt");
}

void writePatientVisit(nlohmann::json &out, const PatientVisit &visit) {
    out["visitId"] = visit.visitId;
    out["state"] = visit.state;
    out["status"] = visit.status;
    writeOptional(out, "position", visit.position);
    writeOptional(out, "estimatedWaitSeconds", visit.estimatedWaitSeconds);
    out["stateStatus"] = visit.stateStatus;
    writeOptional(out, "notice", visit.notice);
}

void readPatientVisit(BodyReader &in, PatientVisit &visit) {
    visit.visitId = readVisitId(in, "visitId");
    visit.state = readStateCode(in, "state");
    visit.status = readName(in, "status", kVisitStatusNames);
    visit.position = in.optionalInteger("position", 1, kMaxCount);
    visit.estimatedWaitSeconds = in.optionalInteger("estimatedWaitSeconds", 0, kMaxCount);
    visit.stateStatus = readName(in, "stateStatus", kStateStatusNames);
    visit.notice = in.optionalString("notice", 1, codec::kMaxTextBytes);
}

void writeStateQueue(nlohmann::json &out, const StateQueue &queue) {
    out["code"] = queue.code;
    out["name"] = queue.name;
    out["timeZone"] = queue.timeZone;
    out["status"] = queue.status;
    out["manualStatus"] = queue.manualStatus;
    out["waiting"] = queue.waiting;
    out["longestWaitSeconds"] = queue.longestWaitSeconds;
    writeOptional(out, "estimatedWaitSeconds", queue.estimatedWaitSeconds);
    out["providersLicensed"] = queue.providersLicensed;
    out["providersOnShift"] = queue.providersOnShift;
    out["providersAvailable"] = queue.providersAvailable;
    out["providersInVisit"] = queue.providersInVisit;
    writeOptional(out, "closesAt", queue.closesAt);
    writeOptional(out, "nextOpenAt", queue.nextOpenAt);
}

void readStateQueue(BodyReader &in, StateQueue &queue) {
    queue.code = readStateCode(in, "code");
    queue.name = in.string("name", 1, kMaxNameBytes);
    queue.timeZone = in.string("timeZone", 1, kMaxTimeZoneBytes);
    queue.status = readName(in, "status", kStateStatusNames);
    queue.manualStatus = readName(in, "manualStatus", kStateStatusNames);
    queue.waiting = in.integer("waiting", 0, kMaxCount);
    queue.longestWaitSeconds = in.integer("longestWaitSeconds", 0, kMaxCount);
    queue.estimatedWaitSeconds = in.optionalInteger("estimatedWaitSeconds", 0, kMaxCount);
    queue.providersLicensed = in.integer("providersLicensed", 0, kMaxCount);
    queue.providersOnShift = in.integer("providersOnShift", 0, kMaxCount);
    queue.providersAvailable = in.integer("providersAvailable", 0, kMaxCount);
    queue.providersInVisit = in.integer("providersInVisit", 0, kMaxCount);
    queue.closesAt = readOptionalTime(in, "closesAt");
    queue.nextOpenAt = readOptionalTime(in, "nextOpenAt");
}

void writeQueueVisit(nlohmann::json &out, const QueueVisit &visit) {
    out["id"] = visit.id;
    out["state"] = visit.state;
    out["status"] = visit.status;
    out["priority"] = visit.priority;
    out["firstName"] = visit.firstName;
    out["lastName"] = visit.lastName;
    out["dateOfBirth"] = visit.dateOfBirth;
    out["reason"] = visit.reason;
    out["requestedAt"] = visit.requestedAt;
    writeOptional(out, "assignedProviderId", visit.assignedProviderId);
    writeOptional(out, "assignedProviderName", visit.assignedProviderName);
    writeOptional(out, "position", visit.position);
    writeOptional(out, "estimatedWaitSeconds", visit.estimatedWaitSeconds);
}

void readQueueVisit(BodyReader &in, QueueVisit &visit) {
    visit.id = readVisitId(in, "id");
    visit.state = readStateCode(in, "state");
    visit.status = readName(in, "status", kVisitStatusNames);
    visit.priority = in.integer("priority", 0, kMaxVisitPriority);
    visit.firstName = readPersonName(in, "firstName");
    visit.lastName = readPersonName(in, "lastName");
    visit.dateOfBirth = readDate(in, "dateOfBirth");
    visit.reason = in.string("reason", 1, kMaxReasonBytes);
    visit.requestedAt = readTime(in, "requestedAt");
    visit.assignedProviderId = in.optionalInteger("assignedProviderId", 1, kMaxId);
    visit.assignedProviderName = in.optionalString("assignedProviderName", 1, kMaxDisplayNameBytes);
    visit.position = in.optionalInteger("position", 1, kMaxCount);
    visit.estimatedWaitSeconds = in.optionalInteger("estimatedWaitSeconds", 0, kMaxCount);
}

void writeProviderStatus(nlohmann::json &out, const ProviderStatus &provider) {
    out["id"] = provider.id;
    out["displayName"] = provider.displayName;
    out["status"] = provider.status;
    out["states"] = provider.states;
    out["onShift"] = provider.onShift;
    writeOptional(out, "shiftStartsAt", provider.shiftStartsAt);
    writeOptional(out, "shiftEndsAt", provider.shiftEndsAt);
    writeOptional(out, "statusSince", provider.statusSince);
}

void readProviderStatus(BodyReader &in, ProviderStatus &provider) {
    provider.id = in.integer("id", 1, kMaxId);
    provider.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    provider.status = readName(in, "status", kProviderStatusNames);
    provider.states = in.stringArray("states", kMaxListItems, 2, 2);
    provider.onShift = in.boolean("onShift");
    provider.shiftStartsAt = readOptionalTime(in, "shiftStartsAt");
    provider.shiftEndsAt = readOptionalTime(in, "shiftEndsAt");
    provider.statusSince = readOptionalTime(in, "statusSince");
}

} // namespace

// --- states ---------------------------------------------------------------------

void toJson(nlohmann::json &, const ListStates &) {}

void fromJson(BodyReader &, ListStates &) {}

void toJson(nlohmann::json &out, const StateList &message) {
    writeArray(out, "states", message.states, writeStateInfo);
}

void fromJson(BodyReader &in, StateList &message) {
    readArray(in, "states", kMaxListItems, message.states, readStateInfo);
}

// --- patient --------------------------------------------------------------------

void toJson(nlohmann::json &out, const VisitRequest &message) {
    out["state"] = message.state;
    out["firstName"] = message.firstName;
    out["lastName"] = message.lastName;
    out["dateOfBirth"] = message.dateOfBirth;
    out["reason"] = message.reason;
    out["contact"] = message.contact;
    out["consent"] = message.consent;
}

void fromJson(BodyReader &in, VisitRequest &message) {
    message.state = readStateCode(in, "state");
    message.firstName = readPersonName(in, "firstName");
    message.lastName = readPersonName(in, "lastName");
    message.dateOfBirth = readDate(in, "dateOfBirth");
    message.reason = in.string("reason", 1, kMaxReasonBytes);
    message.contact = in.string("contact", kMinContactBytes, kMaxContactBytes);
    // false decodes: refusing it is the server's rule, with words for the patient.
    message.consent = in.boolean("consent");
}

void toJson(nlohmann::json &out, const VisitAccepted &message) {
    out["token"] = message.token;
    writePatientVisit(out["visit"], message.visit);
}

void fromJson(BodyReader &in, VisitAccepted &message) {
    message.token = in.string("token", kMinTokenBytes, kMaxVisitTokenBytes);
    in.object("visit", [&message](BodyReader &visit) { readPatientVisit(visit, message.visit); });
}

void toJson(nlohmann::json &out, const IntakeRefused &message) {
    out["reason"] = message.reason;
    out["message"] = message.message;
    writeOptional(out, "nextOpenAt", message.nextOpenAt);
    writeOptional(out, "estimatedWaitSeconds", message.estimatedWaitSeconds);
}

void fromJson(BodyReader &in, IntakeRefused &message) {
    message.reason = readName(in, "reason", kRefusalReasonNames);
    message.message = in.string("message", 1, codec::kMaxTextBytes);
    message.nextOpenAt = readOptionalTime(in, "nextOpenAt");
    message.estimatedWaitSeconds = in.optionalInteger("estimatedWaitSeconds", 0, kMaxCount);
}

void toJson(nlohmann::json &out, const VisitResume &message) {
    out["token"] = message.token;
}

void fromJson(BodyReader &in, VisitResume &message) {
    message.token = in.string("token", kMinTokenBytes, kMaxVisitTokenBytes);
}

void toJson(nlohmann::json &, const VisitCancel &) {}

void fromJson(BodyReader &, VisitCancel &) {}

void toJson(nlohmann::json &out, const VisitStatus &message) {
    writePatientVisit(out["visit"], message.visit);
}

void fromJson(BodyReader &in, VisitStatus &message) {
    in.object("visit", [&message](BodyReader &visit) { readPatientVisit(visit, message.visit); });
}

// --- queue board ----------------------------------------------------------------

void toJson(nlohmann::json &, const QueueSubscribe &) {}

void fromJson(BodyReader &, QueueSubscribe &) {}

void toJson(nlohmann::json &out, const QueueSnapshot &message) {
    out["seq"] = message.seq;
    writeArray(out, "states", message.states, writeStateQueue);
    writeArray(out, "visits", message.visits, writeQueueVisit);
    writeArray(out, "providers", message.providers, writeProviderStatus);
}

void fromJson(BodyReader &in, QueueSnapshot &message) {
    message.seq = in.integer("seq", 0, kMaxCount);
    readArray(in, "states", kMaxListItems, message.states, readStateQueue);
    readArray(in, "visits", kMaxQueueVisits, message.visits, readQueueVisit);
    readArray(in, "providers", kMaxListItems, message.providers, readProviderStatus);
}

void toJson(nlohmann::json &out, const QueueDelta &message) {
    out["seq"] = message.seq;
    writeArray(out, "states", message.states, writeStateQueue);
    writeArray(out, "visits", message.visits, writeQueueVisit);
    out["removedVisitIds"] = message.removedVisitIds;
    out["removedStates"] = message.removedStates;
    writeArray(out, "providers", message.providers, writeProviderStatus);
    out["removedProviderIds"] = message.removedProviderIds;
}

void fromJson(BodyReader &in, QueueDelta &message) {
    message.seq = in.integer("seq", 0, kMaxCount);
    readArray(in, "states", kMaxListItems, message.states, readStateQueue);
    readArray(in, "visits", kMaxQueueVisits, message.visits, readQueueVisit);
    message.removedVisitIds = in.integerArray("removedVisitIds", kMaxQueueVisits, 1, kMaxId);
    message.removedStates = in.stringArray("removedStates", kMaxListItems, 2, 2);
    readArray(in, "providers", kMaxListItems, message.providers, readProviderStatus);
    message.removedProviderIds = in.integerArray("removedProviderIds", kMaxListItems, 1, kMaxId);
}

// --- caregivers' actions --------------------------------------------------------

void toJson(nlohmann::json &out, const SetStateStatus &message) {
    out["state"] = message.state;
    out["status"] = message.status;
}

void fromJson(BodyReader &in, SetStateStatus &message) {
    message.state = readStateCode(in, "state");
    message.status = readName(in, "status", kStateStatusNames);
}

void toJson(nlohmann::json &, const TakeNextVisit &) {}

void fromJson(BodyReader &, TakeNextVisit &) {}

void toJson(nlohmann::json &out, const VisitAssigned &message) {
    writeQueueVisit(out["visit"], message.visit);
}

void fromJson(BodyReader &in, VisitAssigned &message) {
    in.object("visit", [&message](BodyReader &visit) { readQueueVisit(visit, message.visit); });
}

void toJson(nlohmann::json &out, const AssignVisit &message) {
    out["visitId"] = message.visitId;
    out["providerId"] = message.providerId;
}

void fromJson(BodyReader &in, AssignVisit &message) {
    message.visitId = readVisitId(in, "visitId");
    message.providerId = in.integer("providerId", 1, kMaxId);
}

void toJson(nlohmann::json &out, const SetVisitPriority &message) {
    out["visitId"] = message.visitId;
    out["priority"] = message.priority;
}

void fromJson(BodyReader &in, SetVisitPriority &message) {
    message.visitId = readVisitId(in, "visitId");
    message.priority = in.integer("priority", 0, kMaxVisitPriority);
}

void toJson(nlohmann::json &out, const RemoveVisit &message) {
    out["visitId"] = message.visitId;
    out["reason"] = message.reason;
}

void fromJson(BodyReader &in, RemoveVisit &message) {
    message.visitId = readVisitId(in, "visitId");
    message.reason = in.string("reason", 1, kMaxRemovalReasonBytes);
}

void toJson(nlohmann::json &out, const AdvanceVisit &message) {
    out["visitId"] = message.visitId;
    out["status"] = message.status;
    writeOptional(out, "note", message.note);
}

void fromJson(BodyReader &in, AdvanceVisit &message) {
    message.visitId = readVisitId(in, "visitId");
    message.status = readName(in, "status", kAdvanceStatusNames);
    message.note = in.optionalString("note", 0, kMaxNoteBytes);
}

void toJson(nlohmann::json &out, const SetAvailability &message) {
    out["status"] = message.status;
}

void fromJson(BodyReader &in, SetAvailability &message) {
    message.status = readName(in, "status", kSettableProviderStatusNames);
}

void toJson(nlohmann::json &out, const SetShift &message) {
    writeOptional(out, "providerId", message.providerId);
    writeOptional(out, "startsAt", message.startsAt);
    writeOptional(out, "endsAt", message.endsAt);
}

void fromJson(BodyReader &in, SetShift &message) {
    message.providerId = in.optionalInteger("providerId", 1, kMaxId);
    message.startsAt = readOptionalTime(in, "startsAt");
    message.endsAt = readOptionalTime(in, "endsAt");
}

void toJson(nlohmann::json &out, const FileVisit &message) {
    toJson(out, message.patient);
    out["priority"] = message.priority;
}

void fromJson(BodyReader &in, FileVisit &message) {
    fromJson(in, message.patient);
    message.priority = in.integer("priority", 0, kMaxVisitPriority);
}

} // namespace caredesk::protocol
