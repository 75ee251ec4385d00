#include "domain/VisitLifecycle.h"

#include "domain/ActorKind.h"
#include "domain/VisitStatus.h"

#include <QObject>
#include <QTest>
#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using caredesk::domain::ActorKind;
using caredesk::domain::VisitStatus;
using caredesk::domain::VisitTransitionError;
using Kind = VisitTransitionError::Kind;

namespace {

constexpr std::array<ActorKind, 5> kAllActors{ActorKind::Patient, ActorKind::Support,
                                              ActorKind::Provider, ActorKind::Admin,
                                              ActorKind::System};

using Move = std::tuple<VisitStatus, VisitStatus, ActorKind>;

// The allowed moves, written out from the product rules independently of the
// table in VisitLifecycle.cpp, so a slip in either shows up here.
std::set<Move> allowedMoves() {
    using enum VisitStatus;
    const ActorKind patient = ActorKind::Patient;
    const ActorKind support = ActorKind::Support;
    const ActorKind provider = ActorKind::Provider;
    const ActorKind admin = ActorKind::Admin;
    const ActorKind system = ActorKind::System;
    std::set<Move> moves;
    const auto allow = [&moves](std::initializer_list<VisitStatus> froms, VisitStatus to,
                                std::initializer_list<ActorKind> actors) {
        for (const auto from : froms)
            for (const auto actor : actors)
                moves.insert({from, to, actor});
    };
    allow({Waiting}, Ready, {support, admin, system});
    allow({Waiting, Ready}, Assigned, {provider, support, admin, system});
    allow({Assigned}, InVisit, {provider, system});
    allow({Assigned}, Waiting, {provider, support, admin, system});
    allow({InVisit}, Completed, {provider, admin});
    allow({Waiting, Ready, Assigned}, Cancelled, {patient});
    allow({Waiting, Ready}, Removed, {support, admin});
    allow({Assigned}, Removed, {provider, support, admin});
    allow({Assigned}, NoShow, {provider, system});
    allow({Waiting, Ready, Assigned}, Left, {system});
    return moves;
}

} // namespace

class VisitLifecycleTest : public QObject {
    Q_OBJECT

private slots:
    void statusNames() {
        const std::array<const char *, 9> names{"waiting",  "ready",     "assigned",
                                                "in_visit", "completed", "cancelled",
                                                "removed",  "no_show",   "left"};
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto status = caredesk::domain::kAllVisitStatuses[i];
            QCOMPARE(caredesk::domain::visitStatusName(status), std::string_view(names[i]));
            QVERIFY(caredesk::domain::visitStatusFromName(names[i]) == status);
        }
        for (const char *bad : {"", "Waiting", "in-visit", "done"})
            QVERIFY(!caredesk::domain::visitStatusFromName(bad));
    }

    void actorNames() {
        const std::array<const char *, 5> names{"patient", "support", "provider", "admin",
                                                "system"};
        for (std::size_t i = 0; i < names.size(); ++i) {
            QCOMPARE(caredesk::domain::actorKindName(kAllActors[i]), std::string_view(names[i]));
            QVERIFY(caredesk::domain::actorKindFromName(names[i]) == kAllActors[i]);
        }
        QVERIFY(!caredesk::domain::actorKindFromName("nurse"));
        using caredesk::domain::Role;
        QCOMPARE(caredesk::domain::actorKindOf(Role::Support), ActorKind::Support);
        QCOMPARE(caredesk::domain::actorKindOf(Role::Provider), ActorKind::Provider);
        QCOMPARE(caredesk::domain::actorKindOf(Role::Admin), ActorKind::Admin);
    }

    void terminalAndQueuedStatuses() {
        using enum VisitStatus;
        const std::set<VisitStatus> terminal{Completed, Cancelled, Removed, NoShow, Left};
        for (const auto status : caredesk::domain::kAllVisitStatuses) {
            QCOMPARE(caredesk::domain::isTerminal(status), terminal.contains(status));
            QCOMPARE(caredesk::domain::isQueued(status), status == Waiting || status == Ready);
        }
    }

    void fullMatrix() {
        // Every (from, to, actor), with and without a reason.
        const auto allowed = allowedMoves();
        int accepted = 0;
        for (const auto from : caredesk::domain::kAllVisitStatuses) {
            for (const auto to : caredesk::domain::kAllVisitStatuses) {
                const bool anyActor =
                    std::any_of(kAllActors.begin(), kAllActors.end(), [&](ActorKind a) {
                        return allowed.contains({from, to, a});
                    });
                for (const auto actor : kAllActors) {
                    const auto withReason =
                        caredesk::domain::checkVisitTransition(from, to, actor, "duplicate");
                    const std::string label =
                        std::string(caredesk::domain::visitStatusName(from)) + " -> " +
                        std::string(caredesk::domain::visitStatusName(to)) + " by " +
                        std::string(caredesk::domain::actorKindName(actor));
                    if (allowed.contains({from, to, actor})) {
                        QVERIFY2(!withReason, label.c_str());
                        ++accepted;
                        continue;
                    }
                    QVERIFY2(withReason, label.c_str());
                    QVERIFY(!withReason->message.empty());
                    Kind expected = Kind::ActorNotAllowed;
                    if (from == to)
                        expected = Kind::Unchanged;
                    else if (caredesk::domain::isTerminal(from))
                        expected = Kind::FromTerminal;
                    else if (!anyActor)
                        expected = Kind::NotAllowed;
                    QVERIFY2(withReason->kind == expected, label.c_str());
                }
            }
        }
        QCOMPARE(accepted, static_cast<int>(allowed.size()));

        // The published table is exactly the allowed set.
        std::set<Move> published;
        for (const auto &transition : caredesk::domain::visitTransitions()) {
            for (const auto actor : kAllActors) {
                if (transition.actors.has(actor))
                    published.insert({transition.from, transition.to, actor});
            }
        }
        QVERIFY(published == allowed);
    }

    void removalNeedsAReason() {
        using enum VisitStatus;
        for (const auto from : {Waiting, Ready, Assigned}) {
            for (const char *blank : {"", " ", "\t\n "}) {
                const auto error = caredesk::domain::checkVisitTransition(
                    from, Removed, ActorKind::Support, blank);
                QVERIFY(error);
                QCOMPARE(error->kind, Kind::ReasonRequired);
            }
            QVERIFY(!caredesk::domain::checkVisitTransition(from, Removed, ActorKind::Admin,
                                                            "patient went to the ER"));
        }
        // No other move needs one.
        for (const auto &transition : caredesk::domain::visitTransitions())
            QCOMPARE(transition.reasonRequired, transition.to == Removed);
        QVERIFY(!caredesk::domain::checkVisitTransition(Waiting, Cancelled, ActorKind::Patient));
        // The actor is checked before the reason.
        QCOMPARE(caredesk::domain::checkVisitTransition(Waiting, Removed, ActorKind::Patient)->kind,
                 Kind::ActorNotAllowed);
    }

    void errorTextsArePrecise() {
        using enum VisitStatus;
        using caredesk::domain::checkVisitTransition;
        QCOMPARE(checkVisitTransition(Waiting, InVisit, ActorKind::Provider)->message,
                 std::string("a visit cannot go from waiting to in_visit (from waiting it can go "
                             "to ready, assigned, cancelled, removed, left)"));
        QCOMPARE(checkVisitTransition(Completed, Waiting, ActorKind::Admin)->message,
                 std::string("the visit is completed, which is final; it cannot become waiting"));
        QCOMPARE(checkVisitTransition(Assigned, Assigned, ActorKind::Provider)->message,
                 std::string("the visit is already assigned"));
        QCOMPARE(checkVisitTransition(Waiting, Removed, ActorKind::Provider)->message,
                 std::string("a provider cannot move a visit from waiting to removed (only "
                             "support, admin)"));
        QCOMPARE(checkVisitTransition(Ready, Removed, ActorKind::Support)->message,
                 std::string("moving a visit from ready to removed needs a reason"));
    }

    void nextStatusesPerActor() {
        using enum VisitStatus;
        using caredesk::domain::allowedNextStatuses;
        QVERIFY(allowedNextStatuses(Waiting, ActorKind::Patient) ==
                std::vector<VisitStatus>{Cancelled});
        QVERIFY(allowedNextStatuses(Assigned, ActorKind::Provider) ==
                (std::vector<VisitStatus>{InVisit, Waiting, Removed, NoShow}));
        QVERIFY(allowedNextStatuses(Ready, ActorKind::Support) ==
                (std::vector<VisitStatus>{Assigned, Removed}));
        for (const auto status : caredesk::domain::kAllVisitStatuses) {
            if (!caredesk::domain::isTerminal(status))
                continue;
            for (const auto actor : kAllActors)
                QVERIFY(allowedNextStatuses(status, actor).empty());
        }
    }
};

QTEST_GUILESS_MAIN(VisitLifecycleTest)
#include "VisitLifecycleTest.moc"
