// The visit lifecycle as the scheduler enforces it against a real PostgreSQL:
// every move for every kind of actor, timestamps, hand-backs, who may start
// and complete a visit, removal reasons.

#include "VisitTestData.h"
#include "domain/VisitLifecycle.h"

#include <QtTest>

using namespace caredesk::test;
using caredesk::domain::Role;
using caredesk::server::VisitActor;
using caredesk::server::VisitRecord;
using caredesk::server::VisitRepository;
using caredesk::server::VisitScheduler;
using caredesk::server::VisitStatus;

namespace {

// The lifecycle as the product describes it, whoever makes the move; written
// out here independently of the code that enforces it.
bool expectedAllowed(VisitStatus from, VisitStatus to) {
    using S = VisitStatus;
    switch (from) {
    case S::Waiting:
        return to == S::Ready || to == S::Assigned || to == S::Cancelled || to == S::Removed ||
               to == S::Left;
    case S::Ready:
        return to == S::Assigned || to == S::Cancelled || to == S::Removed || to == S::Left;
    case S::Assigned:
        return to == S::Waiting || to == S::InVisit || to == S::Cancelled || to == S::Removed ||
               to == S::NoShow || to == S::Left;
    case S::InVisit:
        return to == S::Completed;
    default:
        return false;
    }
}

QString name(VisitStatus status) {
    return QString::fromUtf8(caredesk::domain::visitStatusName(status).data());
}

std::optional<std::int64_t> claimedId(const std::optional<VisitRecord> &visit) {
    return visit ? std::optional<std::int64_t>(visit->id) : std::nullopt;
}

const VisitActor kStaff = VisitActor::caregiver(1, Role::Support, "10.0.0.9");

} // namespace

class VisitTransitionsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void transitionMatrixMatchesTheLifecycle() {
        for (auto from : caredesk::domain::kAllVisitStatuses) {
            for (auto to : caredesk::domain::kAllVisitStatuses)
                QVERIFY2((caredesk::domain::findVisitTransition(from, to) != nullptr) ==
                             expectedAllowed(from, to),
                         qPrintable(name(from) + " -> " + name(to)));
        }
    }

    void everyIllegalTransitionIsRejected() {
        SchedulingDatabase db;
        std::int64_t provider = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            provider = addProvider(tx, "dr.wa");
            addLicense(tx, provider, "WA");
        });
        // A fresh visit brought to `status` along legal moves.
        const auto visitIn = [&](VisitStatus status, int n) {
            return db.write([&](pqxx::work &tx) {
                const auto id = addVisit(tx, "WA", n).id;
                using S = VisitStatus;
                const auto move = [&](S to, const VisitActor &actor) {
                    VisitScheduler::transition(tx, id, to, actor, "set-up");
                };
                if (status == S::Assigned || status == S::InVisit || status == S::Completed ||
                    status == S::NoShow)
                    VisitScheduler::assign(tx, id, provider, kStaff);
                if (status == S::InVisit || status == S::Completed)
                    move(S::InVisit, asProvider(provider));
                if (status == S::Completed)
                    move(S::Completed, asProvider(provider));
                if (status == S::Cancelled)
                    move(S::Cancelled, VisitActor::patient(id));
                if (status == S::Removed)
                    move(S::Removed, kStaff);
                if (status == S::Ready || status == S::NoShow || status == S::Left)
                    move(status, VisitActor::system());
                return id;
            });
        };

        int n = 0;
        int refusedActors = 0;
        for (auto from : caredesk::domain::kAllVisitStatuses) {
            for (auto to : caredesk::domain::kAllVisitStatuses) {
                const QByteArray label = (name(from) + " -> " + name(to)).toUtf8();
                const auto id = visitIn(from, ++n);
                pqxx::work before(db.connection());
                const auto was = VisitRepository::find(before, id);
                QCOMPARE(was->status, from);
                const auto eventsBefore = VisitRepository::events(before, id).size();
                before.commit();

                // Every kind of actor, each acting on this visit as far as
                // they can: the patient on their own, the provider on theirs.
                const std::vector<VisitActor> actors{
                    VisitActor::patient(id), kStaff, asProvider(provider),
                    VisitActor::caregiver(2, Role::Admin), VisitActor::system()};
                const bool allowed = expectedAllowed(from, to) && to != VisitStatus::Assigned;
                bool moved = false;
                for (const auto &actor : actors) {
                    const auto error = db.refusal([&](pqxx::work &tx) {
                        VisitScheduler::transition(tx, id, to, actor, "moved");
                    });
                    pqxx::work after(db.connection());
                    const auto now = VisitRepository::find(after, id);
                    const auto events = VisitRepository::events(after, id);
                    if (error) {
                        // Refused for this actor only, or for everyone.
                        QCOMPARE(codeOf(error), allowed ? QStringLiteral("forbidden")
                                                        : QStringLiteral("invalid_transition"));
                        QCOMPARE(now->status, from);
                        QCOMPARE(now->version, was->version);
                        QCOMPARE(events.size(), eventsBefore);
                        refusedActors += allowed ? 1 : 0;
                        continue;
                    }
                    QVERIFY2(allowed, label.constData());
                    QCOMPARE(now->status, to);
                    QCOMPARE(now->version, was->version + 1);
                    QCOMPARE(events.size(), eventsBefore + 1);
                    QCOMPARE(events.back().from, std::optional<VisitStatus>(from));
                    QCOMPARE(events.back().to, to);
                    QCOMPARE(events.back().actorKind, actor.kind);
                    QCOMPARE(events.back().reason, std::string("moved"));
                    const auto audit = after.exec_params1(
                        "SELECT detail->>'from', detail->>'to' FROM audit_events "
                        "WHERE subject_id = $1 AND action = 'visit.status' ORDER BY id DESC "
                        "LIMIT 1",
                        std::to_string(id));
                    QCOMPARE(QString::fromStdString(audit[0].as<std::string>()), name(from));
                    QCOMPARE(QString::fromStdString(audit[1].as<std::string>()), name(to));
                    moved = true;
                    break;
                }
                QVERIFY2(moved == allowed, label.constData());
            }
        }
        QVERIFY(refusedActors > 10); // the actor rules were exercised, not only the statuses
        const auto missing = db.refusal([&](pqxx::work &tx) {
            VisitScheduler::transition(tx, 987654, VisitStatus::Cancelled, VisitActor::system());
        });
        QCOMPARE(codeOf(missing), QStringLiteral("not_found"));
    }

    void lifecycleSetsTimestamps() {
        SchedulingDatabase db;
        std::int64_t provider = 0, visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            provider = addProvider(tx, "dr.wa");
            addLicense(tx, provider, "WA");
            visit = addVisit(tx, "WA", 1).id;
        });
        const auto assigned =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); });
        QVERIFY(assigned && assigned->assignedAt && !assigned->startedAt);
        QCOMPARE(assigned->version, 2);
        const VisitActor self = asProvider(provider);
        const auto started = db.write([&](pqxx::work &tx) {
            return VisitScheduler::transition(tx, visit, VisitStatus::InVisit, self);
        });
        QVERIFY(started.startedAt && *started.startedAt >= *assigned->assignedAt);
        QVERIFY(!started.endedAt);
        const auto completed = db.write([&](pqxx::work &tx) {
            return VisitScheduler::transition(tx, visit, VisitStatus::Completed, self);
        });
        QVERIFY(completed.endedAt && *completed.endedAt >= *started.startedAt);
        QCOMPARE(completed.assignedAt, assigned->assignedAt);
        QCOMPARE(completed.startedAt, started.startedAt);
        QCOMPARE(completed.version, 4);
        QVERIFY(completed.updatedAt >= completed.requestedAt);

        pqxx::work tx(db.connection());
        const auto events = VisitRepository::events(tx, visit);
        QCOMPARE(events.size(), std::size_t(4));
        const std::vector<VisitStatus> chain{VisitStatus::Waiting, VisitStatus::Assigned,
                                             VisitStatus::InVisit, VisitStatus::Completed};
        for (std::size_t i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].to, chain[i]);
            if (i > 0)
                QCOMPARE(events[i].from, std::optional<VisitStatus>(chain[i - 1]));
        }
        QCOMPARE(countRows(tx, "SELECT count(*) FROM audit_events WHERE subject_type = 'visit'"),
                 4);
    }

    void releaseKeepsThePlaceInLine() {
        SchedulingDatabase db;
        std::int64_t provider = 0, a = 0, b = 0, c = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            provider = addProvider(tx, "dr.wa");
            addLicense(tx, provider, "WA");
            a = addVisit(tx, "WA", 1).id;
            b = addVisit(tx, "WA", 2).id;
            c = addVisit(tx, "WA", 3).id;
            setRequestedMinutesAgo(tx, a, 30);
            setRequestedMinutesAgo(tx, b, 20);
            setRequestedMinutesAgo(tx, c, 10);
        });
        const auto claimed =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); });
        QCOMPARE(claimedId(claimed), std::optional<std::int64_t>(a));
        {
            pqxx::work tx(db.connection());
            QVERIFY(!VisitRepository::queuePosition(tx, a));
            QCOMPARE(VisitRepository::queuePosition(tx, b), std::optional<int>(1));
            QCOMPARE(VisitRepository::queuePosition(tx, c), std::optional<int>(2));
        }
        const auto released = db.write([&](pqxx::work &tx) {
            return VisitScheduler::transition(tx, a, VisitStatus::Waiting, asProvider(provider),
                                              "handed back");
        });
        QVERIFY(!released.assignedProviderId && !released.assignedAt);
        QCOMPARE(released.requestedAt, claimed->requestedAt);
        {
            pqxx::work tx(db.connection());
            QCOMPARE(VisitRepository::queuePosition(tx, a), std::optional<int>(1));
            QCOMPARE(VisitRepository::queuePosition(tx, b), std::optional<int>(2));
        }
        const auto again =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); });
        QCOMPARE(claimedId(again), std::optional<std::int64_t>(a));
    }

    void onlyTheAssignedProviderStartsAndCompletes() {
        SchedulingDatabase db;
        std::int64_t mine = 0, theirs = 0, visit = 0, lapsing = 0, retiring = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            mine = addProvider(tx, "mine");
            theirs = addProvider(tx, "theirs");
            addLicense(tx, mine, "WA");
            addLicense(tx, theirs, "WA");
            visit = addVisit(tx, "WA", 1).id;
            VisitScheduler::assign(tx, visit, mine, kStaff);
            lapsing = addVisit(tx, "WA", 2).id;
            VisitScheduler::assign(tx, lapsing, theirs, kStaff);
            retiring = addVisit(tx, "WA", 3).id;
            VisitScheduler::assign(tx, retiring, theirs, kStaff);
        });
        const auto move = [&](std::int64_t id, VisitStatus to, const VisitActor &actor) {
            return codeOf(
                db.refusal([&](pqxx::work &tx) { VisitScheduler::transition(tx, id, to, actor); }));
        };
        QCOMPARE(move(visit, VisitStatus::InVisit, asProvider(theirs)),
                 QStringLiteral("forbidden"));
        QCOMPARE(move(visit, VisitStatus::InVisit, VisitActor::patient(visit)),
                 QStringLiteral("forbidden"));
        QCOMPARE(move(visit, VisitStatus::InVisit, kStaff), QStringLiteral("forbidden"));
        // Handing back or removing a visit is also for its own provider only,
        // and a patient cancels only their own visit.
        QCOMPARE(move(lapsing, VisitStatus::Waiting, asProvider(mine)),
                 QStringLiteral("forbidden"));
        QCOMPARE(move(lapsing, VisitStatus::Cancelled, VisitActor::patient(visit)),
                 QStringLiteral("forbidden"));
        QCOMPARE(move(visit, VisitStatus::InVisit, asProvider(mine)), QStringLiteral("none"));
        QCOMPARE(move(visit, VisitStatus::Completed, asProvider(theirs)),
                 QStringLiteral("forbidden"));
        QCOMPARE(move(visit, VisitStatus::Completed, asProvider(mine)), QStringLiteral("none"));

        // The license lapses (or the account is closed) between assignment and start.
        db.write([&](pqxx::work &tx) {
            tx.exec_params0("UPDATE licenses SET expires_on = $2::date WHERE caregiver_id = $1",
                            theirs, localDate(tx, "WA", -1));
        });
        QCOMPARE(move(lapsing, VisitStatus::InVisit, asProvider(theirs)),
                 QStringLiteral("not_licensed"));
        db.write([&](pqxx::work &tx) {
            tx.exec_params0("UPDATE caregivers SET active = false WHERE id = $1", theirs);
        });
        QCOMPARE(move(retiring, VisitStatus::InVisit, asProvider(theirs)),
                 QStringLiteral("not_a_provider"));
        // Handing the visit back to the queue stays possible.
        QCOMPARE(move(lapsing, VisitStatus::Waiting, VisitActor::system()), QStringLiteral("none"));
    }

    void removalNeedsAReason() {
        SchedulingDatabase db;
        std::int64_t visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            visit = addVisit(tx, "WA", 1).id;
        });
        const auto remove = [&](const std::string &reason) {
            return db.refusal([&](pqxx::work &tx) {
                VisitScheduler::transition(tx, visit, VisitStatus::Removed, kStaff, reason);
            });
        };
        QCOMPARE(codeOf(remove("")), QStringLiteral("missing_field"));
        QCOMPARE(remove(" \t")->field, std::string("reason"));
        QCOMPARE(codeOf(remove(std::string(501, 'x'))), QStringLiteral("out_of_range"));
        QCOMPARE(codeOf(remove("duplicate request")), QStringLiteral("none"));

        pqxx::work tx(db.connection());
        const auto removed = VisitRepository::find(tx, visit);
        QCOMPARE(removed->status, VisitStatus::Removed);
        QCOMPARE(removed->removedReason, std::optional<std::string>("duplicate request"));
        QVERIFY(removed->endedAt);
        QCOMPARE(VisitRepository::events(tx, visit).back().reason,
                 std::string("duplicate request"));
        QCOMPARE(tx.exec1("SELECT detail->>'reason' FROM audit_events "
                          "WHERE action = 'visit.status'")[0]
                     .as<std::string>(),
                 std::string("duplicate request"));
    }
};

QTEST_GUILESS_MAIN(VisitTransitionsTest)
#include "VisitTransitionsTest.moc"
