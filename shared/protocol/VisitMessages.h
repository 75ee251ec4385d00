#pragma once

// Bodies of the visit and queue messages (patients' intake and waiting screen,
// caregivers' queue board and scheduling actions). Included by Messages.h.

#include "protocol/MessageType.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::protocol {

using EpochMs = std::int64_t; // milliseconds since the Unix epoch, UTC

inline constexpr std::size_t kMaxNameBytes = 100;
inline constexpr std::size_t kMaxReasonBytes = 1000;
inline constexpr std::size_t kMaxRemovalReasonBytes = 500;
inline constexpr std::size_t kMaxContactBytes = 200;
inline constexpr std::size_t kMaxNoteBytes = 2000;
inline constexpr std::size_t kMaxVisitTokenBytes = 128;
inline constexpr std::int64_t kMaxVisitPriority = 9; // 0 is normal
// A queue_snapshot holds every open visit of every state in one message, so
// its visit list (and a queue_delta's) may be longer than kMaxListItems; the
// server's frame limit (kMaxServerMessageBytes) still applies.
inline constexpr std::size_t kMaxQueueVisits = 20000;

// Wire names are lower_snake_case strings; these stay strings in the protocol
// so that shared/domain owns their meaning:
//   state status:  "open" | "busy" | "closed"
//   visit status:  "waiting" | "ready" | "assigned" | "in_visit" | "completed" |
//                  "cancelled" | "removed" | "no_show" | "left"
//   refusal:       "closed" | "at_capacity" | "busy"
// Decoders check them against these lists (OutOfRange otherwise).

struct StateInfo {    // what a patient's state picker needs
    std::string code; // "WA"
    std::string name; // "Washington"
    std::string status;
    std::optional<EpochMs> nextOpenAt; // when closed and hours are known
    bool operator==(const StateInfo &) const = default;
};

struct ListStates {
    static constexpr MessageType kType = MessageType::ListStates;
    bool operator==(const ListStates &) const = default;
};

struct StateList {
    static constexpr MessageType kType = MessageType::StateList;
    std::vector<StateInfo> states; // enabled states only, by name
    bool operator==(const StateList &) const = default;
};

// --- patient ------------------------------------------------------------------

struct VisitRequest {
    static constexpr MessageType kType = MessageType::VisitRequest;
    std::string state; // where the patient is physically located now
    std::string firstName;
    std::string lastName;
    std::string dateOfBirth; // "YYYY-MM-DD", a real date in the past
    std::string reason;
    std::string contact;  // phone or email, as typed
    bool consent = false; // must be true
    bool operator==(const VisitRequest &) const = default;
};

// The patient's own view of their visit.
struct PatientVisit {
    std::int64_t visitId = 0;
    std::string state;
    std::string status;
    std::optional<std::int64_t> position;             // 1 = next; while waiting
    std::optional<std::int64_t> estimatedWaitSeconds; // while waiting
    std::string stateStatus;                          // "busy" shows "high demand"
    std::optional<std::string> notice;                // e.g. "A provider is joining"
    bool operator==(const PatientVisit &) const = default;
};

struct VisitAccepted {
    static constexpr MessageType kType = MessageType::VisitAccepted;
    std::string token; // per-visit secret; keep it to resume after a reload
    PatientVisit visit;
    bool operator==(const VisitAccepted &) const = default;
};

struct IntakeRefused {
    static constexpr MessageType kType = MessageType::IntakeRefused;
    std::string reason;  // "closed" | "at_capacity" | "busy"
    std::string message; // for the patient, plain text
    std::optional<EpochMs> nextOpenAt;
    std::optional<std::int64_t> estimatedWaitSeconds;
    bool operator==(const IntakeRefused &) const = default;
};

struct VisitResume {
    static constexpr MessageType kType = MessageType::VisitResume;
    std::string token;
    bool operator==(const VisitResume &) const = default;
};

struct VisitCancel {
    static constexpr MessageType kType = MessageType::VisitCancel;
    bool operator==(const VisitCancel &) const = default;
};

struct VisitStatus {
    static constexpr MessageType kType = MessageType::VisitStatus;
    PatientVisit visit;
    bool operator==(const VisitStatus &) const = default;
};

// --- caregivers ------------------------------------------------------------------

struct StateQueue {
    std::string code;
    std::string name;
    std::string timeZone;
    std::string status;       // effective now: hours and the manual setting together
    std::string manualStatus; // what staff set
    std::int64_t waiting = 0;
    std::int64_t longestWaitSeconds = 0;
    std::optional<std::int64_t>
        estimatedWaitSeconds; // for the next arrival; none without providers
    // Coverage now, counting active providers with a license in force here:
    std::int64_t providersLicensed = 0;  // all of them
    std::int64_t providersOnShift = 0;   // signed on (not offline) and within their shift
    std::int64_t providersAvailable = 0; // on shift, available and not in a visit: free now
    std::int64_t providersInVisit = 0;   // with a visit assigned or in progress
    std::optional<EpochMs> closesAt;
    std::optional<EpochMs> nextOpenAt;
    bool operator==(const StateQueue &) const = default;
};

struct QueueVisit {
    std::int64_t id = 0;
    std::string state;
    std::string status;
    std::int64_t priority = 0; // higher first
    std::string firstName;
    std::string lastName;
    std::string dateOfBirth;
    std::string reason;
    EpochMs requestedAt = 0;
    std::optional<std::int64_t> assignedProviderId;
    std::optional<std::string> assignedProviderName;
    std::optional<std::int64_t> position;
    std::optional<std::int64_t> estimatedWaitSeconds;
    bool operator==(const QueueVisit &) const = default;
};

// A provider as the coverage board shows them. status is what they are now:
// "in_visit" while a visit is assigned to them or in progress, otherwise what
// they set: "available", "on_break" or "offline" (the server sets "offline"
// when their last console has been gone longer than the grace period).
struct ProviderStatus {
    std::int64_t id = 0;
    std::string displayName;
    std::string status;
    std::vector<std::string> states; // where a license is in force now, sorted
    bool onShift = true;             // within their shift, or no shift set
    std::optional<EpochMs> shiftStartsAt;
    std::optional<EpochMs> shiftEndsAt;
    std::optional<EpochMs> statusSince; // when the status they set last changed
    bool operator==(const ProviderStatus &) const = default;
};

struct QueueSubscribe {
    static constexpr MessageType kType = MessageType::QueueSubscribe;
    bool operator==(const QueueSubscribe &) const = default;
};

// Everything the queue board shows, in one message. seq is the stream position:
// the next queue_delta carries seq + 1.
struct QueueSnapshot {
    static constexpr MessageType kType = MessageType::QueueSnapshot;
    std::int64_t seq = 0;
    std::vector<StateQueue> states;
    std::vector<QueueVisit> visits; // every visit not yet in a final status
    std::vector<ProviderStatus> providers; // every active provider, by id
    bool operator==(const QueueSnapshot &) const = default;
};

// Rows replaced whole (upserts) and visits gone from the board. Applying the
// deltas in seq order to a snapshot gives what a fresh snapshot would. A gap
// in seq means: subscribe again for a fresh snapshot.
struct QueueDelta {
    static constexpr MessageType kType = MessageType::QueueDelta;
    std::int64_t seq = 0;
    std::vector<StateQueue> states;
    std::vector<QueueVisit> visits;
    std::vector<std::int64_t> removedVisitIds;
    std::vector<std::string> removedStates; // codes of states no longer served
    std::vector<ProviderStatus> providers;
    std::vector<std::int64_t> removedProviderIds; // deactivated or no longer providers
    bool operator==(const QueueDelta &) const = default;
};

struct SetStateStatus {
    static constexpr MessageType kType = MessageType::SetStateStatus;
    std::string state;
    std::string status;
    bool operator==(const SetStateStatus &) const = default;
};

struct TakeNextVisit {
    static constexpr MessageType kType = MessageType::TakeNextVisit;
    bool operator==(const TakeNextVisit &) const = default;
};

struct VisitAssigned {
    static constexpr MessageType kType = MessageType::VisitAssigned;
    QueueVisit visit;
    bool operator==(const VisitAssigned &) const = default;
};

struct AssignVisit {
    static constexpr MessageType kType = MessageType::AssignVisit;
    std::int64_t visitId = 0;
    std::int64_t providerId = 0;
    bool operator==(const AssignVisit &) const = default;
};

struct SetVisitPriority {
    static constexpr MessageType kType = MessageType::SetVisitPriority;
    std::int64_t visitId = 0;
    std::int64_t priority = 0; // 0 normal .. kMaxVisitPriority
    bool operator==(const SetVisitPriority &) const = default;
};

struct RemoveVisit {
    static constexpr MessageType kType = MessageType::RemoveVisit;
    std::int64_t visitId = 0;
    std::string reason; // required, shown to caregivers and kept in the audit trail
    bool operator==(const RemoveVisit &) const = default;
};

struct AdvanceVisit {
    static constexpr MessageType kType = MessageType::AdvanceVisit;
    std::int64_t visitId = 0;
    std::string status; // "in_visit" | "completed" | "no_show" | "waiting" (hand back)
    std::optional<std::string> note;
    bool operator==(const AdvanceVisit &) const = default;
};

// Staff file a visit for a patient (on the phone, say). The same rules as a
// patient's own request, except that a priority above 0 is set from the start
// and, as a priority visit, passes a busy state's hourly limit. The reply is
// visit_accepted (its token lets the patient follow the visit on the web page)
// or intake_refused.
struct FileVisit {
    static constexpr MessageType kType = MessageType::FileVisit;
    VisitRequest patient; // its fields sit directly in the body
    std::int64_t priority = 0;
    bool operator==(const FileVisit &) const = default;
};

// A provider sets their own status: "available", "on_break" or "offline".
// Going available clears a shift that has already ended.
struct SetAvailability {
    static constexpr MessageType kType = MessageType::SetAvailability;
    std::string status;
    bool operator==(const SetAvailability &) const = default;
};

// A provider's shift: outside it they are not offered visits. A provider sets
// their own (no providerId); an admin sets anyone's. Neither time: no shift.
struct SetShift {
    static constexpr MessageType kType = MessageType::SetShift;
    std::optional<std::int64_t> providerId;
    std::optional<EpochMs> startsAt;
    std::optional<EpochMs> endsAt;
    bool operator==(const SetShift &) const = default;
};

} // namespace caredesk::protocol
