#pragma once

#include "domain/ActorKind.h"
#include "domain/VisitStatus.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

// One allowed move of a visit and who may make it.
struct VisitTransition {
    VisitStatus from;
    VisitStatus to;
    ActorKindSet actors;
    bool reasonRequired = false;
};

// Every allowed move; anything not listed is refused.
//
//   from                      to          by                               note
//   waiting                   ready       support, admin, system           intake chat done
//   waiting, ready            assigned    provider, support, admin, system take next / assign
//   assigned                  in_visit    provider, system                 video visit starts
//   assigned                  waiting     provider, support, admin, system handed back to the queue
//   in_visit                  completed   provider, admin                  admin: a visit left open
//   waiting, ready, assigned  cancelled   patient
//   waiting, ready            removed     support, admin                   reason required
//   assigned                  removed     provider, support, admin         reason required
//   assigned                  no_show     provider, system
//   waiting, ready, assigned  left        system                           disconnected past the
//   grace period
//
// Completed, cancelled, removed, no_show and left are terminal. Whether a
// particular provider may take a particular visit (license, availability) is
// the scheduler's check, not this table's.
std::span<const VisitTransition> visitTransitions();

// The table entry for from -> to, or nullptr when that move is never allowed.
const VisitTransition *findVisitTransition(VisitStatus from, VisitStatus to);

struct VisitTransitionError {
    enum class Kind {
        Unchanged,       // from == to
        FromTerminal,    // from is terminal
        NotAllowed,      // no such move for anyone
        ActorNotAllowed, // the move exists, not for this actor
        ReasonRequired,  // the move needs a reason and none (or only blanks) was given
    };
    Kind kind;
    std::string message; // precise, for the error reply and the log; no patient data

    bool operator==(const VisitTransitionError &) const = default;
};

// nullopt when `actor` may move a visit from `from` to `to` with this reason.
std::optional<VisitTransitionError> checkVisitTransition(VisitStatus from, VisitStatus to,
                                                         ActorKind actor,
                                                         std::string_view reason = {});

// The statuses `actor` may move a visit to from `from`, in table order (for
// the console's context actions).
std::vector<VisitStatus> allowedNextStatuses(VisitStatus from, ActorKind actor);

} // namespace caredesk::domain
