// Intake, take-next, staff assignment and license timing against a real PostgreSQL.

#include "VisitTestData.h"

#include <QtTest>
#include <chrono>
#include <map>
#include <thread>

using namespace caredesk::test;
using caredesk::domain::ActorKind;
using caredesk::domain::Role;
using caredesk::server::NewVisit;
using caredesk::server::ProviderRepository;
using caredesk::server::SessionToken;
using caredesk::server::VisitActor;
using caredesk::server::VisitRecord;
using caredesk::server::VisitRepository;
using caredesk::server::VisitScheduler;
using caredesk::server::VisitStatus;

namespace {

std::optional<std::int64_t> claimedId(const std::optional<VisitRecord> &visit) {
    return visit ? std::optional<std::int64_t>(visit->id) : std::nullopt;
}

const VisitActor kStaff = VisitActor::caregiver(1, Role::Support, "10.0.0.9");

} // namespace

class VisitSchedulerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void createVisitRecordsEventAndAudit() {
        SchedulingDatabase db;
        NewVisit input = sampleVisit("WA", 1, 2);
        input.patientTokenHash = SessionToken::hashOf("browser secret");
        const VisitRecord visit = db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            return VisitScheduler::createVisit(tx, input,
                                               VisitActor::patient(std::nullopt, "203.0.113.5"));
        });

        QCOMPARE(visit.status, VisitStatus::Waiting);
        QCOMPARE(visit.jurisdictionCode, std::string("WA"));
        QCOMPARE(visit.priority, 2);
        QCOMPARE(visit.version, 1);
        QCOMPARE(visit.dateOfBirth, std::string("1984-02-29"));
        QCOMPARE(visit.firstName, std::string("Pat1"));
        QVERIFY(visit.requestedAt > 0);
        QVERIFY(!visit.assignedProviderId && !visit.assignedAt && !visit.endedAt);

        pqxx::work tx(db.connection());
        const auto events = VisitRepository::events(tx, visit.id);
        QCOMPARE(events.size(), std::size_t(1));
        QVERIFY(!events[0].from);
        QCOMPARE(events[0].to, VisitStatus::Waiting);
        QCOMPARE(events[0].actorKind, ActorKind::Patient);
        QCOMPARE(events[0].actorId, std::optional<std::int64_t>(visit.id));
        const auto audit =
            tx.exec_params1("SELECT actor_kind, actor_id, action, detail->>'state', client_address "
                            "FROM audit_events WHERE subject_type = 'visit' AND subject_id = $1",
                            std::to_string(visit.id));
        QCOMPARE(audit[0].as<std::string>(), std::string("patient"));
        QCOMPARE(audit[1].as<std::int64_t>(), visit.id);
        QCOMPARE(audit[2].as<std::string>(), std::string("visit.create"));
        QCOMPARE(audit[3].as<std::string>(), std::string("WA"));
        QCOMPARE(audit[4].as<std::string>(), std::string("203.0.113.5"));

        const auto byToken =
            VisitRepository::findByPatientToken(tx, SessionToken::hashOf("browser secret"));
        QVERIFY(byToken);
        QCOMPARE(byToken->id, visit.id);
        QVERIFY(!VisitRepository::findByPatientToken(tx, SessionToken::hashOf("other")));
    }

    void createVisitValidatesInput() {
        SchedulingDatabase db;
        db.write([](pqxx::work &tx) { enableStates(tx, {"WA"}); });
        struct Case {
            const char *label;
            std::function<void(NewVisit &)> change;
            const char *code;
            const char *field;
        };
        const std::vector<Case> cases = {
            {"unknown state", [](NewVisit &v) { v.jurisdictionCode = "ZZ"; }, "out_of_range",
             "state"},
            {"state not offered", [](NewVisit &v) { v.jurisdictionCode = "NY"; }, "out_of_range",
             "state"},
            {"blank first name", [](NewVisit &v) { v.firstName = "  "; }, "missing_field",
             "firstName"},
            {"long last name", [](NewVisit &v) { v.lastName = std::string(101, 'x'); },
             "out_of_range", "lastName"},
            {"no such day", [](NewVisit &v) { v.dateOfBirth = "1984-02-30"; }, "out_of_range",
             "dateOfBirth"},
            {"born in the future", [](NewVisit &v) { v.dateOfBirth = "2199-01-01"; },
             "out_of_range", "dateOfBirth"},
            {"short year", [](NewVisit &v) { v.dateOfBirth = "84-02-29"; }, "out_of_range",
             "dateOfBirth"},
            {"no reason", [](NewVisit &v) { v.reason.clear(); }, "missing_field", "reason"},
            {"no contact", [](NewVisit &v) { v.contact.clear(); }, "missing_field", "contact"},
            {"priority too high", [](NewVisit &v) { v.priority = 10; }, "out_of_range", "priority"},
            {"negative priority", [](NewVisit &v) { v.priority = -1; }, "out_of_range", "priority"},
        };
        for (const auto &c : cases) {
            NewVisit visit = sampleVisit("WA", 1);
            c.change(visit);
            const auto error = db.refusal([&](pqxx::work &tx) {
                VisitScheduler::createVisit(tx, visit, VisitActor::system());
            });
            QVERIFY2(error, c.label);
            QCOMPARE(codeOf(error), QString::fromUtf8(c.code));
            QCOMPARE(error->field, std::string(c.field));
        }
        // A 100-character name in a multi-byte script is within the limit.
        NewVisit accented = sampleVisit("WA", 2);
        accented.firstName.clear();
        for (int i = 0; i < 100; ++i)
            accented.firstName += "\xc3\xa9"; // é
        QCOMPARE(codeOf(db.refusal([&](pqxx::work &tx) {
                     VisitScheduler::createVisit(tx, accented, VisitActor::system());
                 })),
                 QStringLiteral("none"));
        pqxx::work tx(db.connection());
        QCOMPARE(countRows(tx, "SELECT count(*) FROM visits"), 1);
    }

    void takeNextFollowsPriorityThenArrival() {
        SchedulingDatabase db;
        std::int64_t provider = 0;
        std::map<char, std::int64_t> id;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR", "CA"});
            provider = addProvider(tx, "dr.wa.or");
            addLicense(tx, provider, "WA");
            addLicense(tx, provider, "OR");
            const auto add = [&](char key, const char *state, int priority, int minutesAgo) {
                id[key] = addVisit(tx, state, key, priority).id;
                setRequestedMinutesAgo(tx, id[key], minutesAgo);
            };
            add('a', "WA", 0, 30);
            add('b', "OR", 0, 40);
            add('c', "WA", 2, 5);
            add('d', "OR", 2, 10);
            add('e', "CA", 9, 60); // most urgent, but not in a licensed state
            add('f', "WA", 0, 40); // same arrival as b, created later
            add('g', "WA", 0, 50);
            VisitScheduler::transition(tx, id['g'], VisitStatus::Ready, VisitActor::system());
        });

        std::vector<std::int64_t> order;
        for (;;) {
            const auto visit =
                db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); });
            if (!visit)
                break;
            QCOMPARE(visit->status, VisitStatus::Assigned);
            QCOMPARE(visit->assignedProviderId, std::optional<std::int64_t>(provider));
            QVERIFY(visit->assignedAt);
            order.push_back(visit->id);
        }
        const std::vector<std::int64_t> expected{id['d'], id['c'], id['g'],
                                                 id['b'], id['f'], id['a']};
        QCOMPARE(order, expected);

        pqxx::work tx(db.connection());
        QCOMPARE(VisitRepository::find(tx, id['e'])->status, VisitStatus::Waiting);
        const auto events = VisitRepository::events(tx, id['g']);
        QCOMPARE(events.back().from, std::optional<VisitStatus>(VisitStatus::Ready));
        QCOMPARE(events.back().to, VisitStatus::Assigned);
        QCOMPARE(events.back().reason, std::string("take_next"));
        QCOMPARE(events.back().providerId, std::optional<std::int64_t>(provider));
        QCOMPARE(countRows(tx, "SELECT count(*) FROM audit_events WHERE action = 'visit.assign' "
                               "AND detail->>'how' = 'take_next'"),
                 6);
    }

    void takeNextNeedsARoutableProvider() {
        SchedulingDatabase db;
        std::int64_t support = 0, retired = 0, resting = 0, ready = 0, visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            support = addCaregiver(tx, "support", {Role::Support});
            retired = addProvider(tx, "retired");
            resting = addProvider(tx, "resting", false);
            ready = addProvider(tx, "ready");
            for (auto who : {support, retired, resting, ready})
                addLicense(tx, who, "WA");
            tx.exec_params0("UPDATE caregivers SET active = false WHERE id = $1", retired);
            visit = addVisit(tx, "WA", 1).id;
        });
        const auto claimBy = [&](std::int64_t who) {
            return db.refusal([&](pqxx::work &tx) { VisitScheduler::claimNext(tx, who); });
        };
        QCOMPARE(codeOf(claimBy(987654)), QStringLiteral("not_found"));
        QCOMPARE(codeOf(claimBy(support)), QStringLiteral("not_a_provider"));
        QCOMPARE(codeOf(claimBy(retired)), QStringLiteral("not_a_provider"));
        QCOMPARE(codeOf(claimBy(resting)), QStringLiteral("provider_unavailable"));
        {
            pqxx::work tx(db.connection());
            QCOMPARE(VisitRepository::find(tx, visit)->status, VisitStatus::Waiting);
        }
        const auto claimed =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, ready); });
        QCOMPARE(claimedId(claimed), std::optional<std::int64_t>(visit));
    }

    void takeNextIgnoresUnverifiedAndExpiredLicenses() {
        SchedulingDatabase db;
        std::int64_t unverified = 0, expired = 0, lastDay = 0, visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA"});
            unverified = addProvider(tx, "unverified");
            expired = addProvider(tx, "expired");
            lastDay = addProvider(tx, "last.day");
            addLicense(tx, unverified, "WA", "2099-12-31", false);
            addLicense(tx, expired, "WA", localDate(tx, "WA", -1));
            addLicense(tx, lastDay, "WA", localDate(tx, "WA", 0));
            visit = addVisit(tx, "WA", 1).id;
        });
        QVERIFY(
            !db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, unverified); }));
        QVERIFY(!db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, expired); }));
        {
            pqxx::work tx(db.connection());
            QVERIFY(ProviderRepository::licensedStates(tx, unverified).empty());
            QVERIFY(ProviderRepository::licensedStates(tx, expired).empty());
            QCOMPARE(ProviderRepository::licensedStates(tx, lastDay),
                     std::vector<std::string>{"WA"});
        }
        const auto claimed =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, lastDay); });
        QCOMPARE(claimedId(claimed), std::optional<std::int64_t>(visit));
    }

    void licenseIsValidThroughItsLocalExpiryDate() {
        // Hawaii and Guam are 20 hours apart: "today" differs between them for
        // most of the day, and each license follows its own state's calendar.
        SchedulingDatabase db;
        pqxx::work tx(db.connection());
        const auto provider = addProvider(tx, "islands");
        for (const char *state : {"HI", "GU"}) {
            addLicense(tx, provider, state, localDate(tx, state, 0));
            QVERIFY2(ProviderRepository::isLicensedIn(tx, provider, state), state);
            tx.exec_params0("UPDATE licenses SET expires_on = $3::date "
                            "WHERE caregiver_id = $1 AND jurisdiction_code = $2",
                            provider, state, localDate(tx, state, -1));
            QVERIFY2(!ProviderRepository::isLicensedIn(tx, provider, state), state);
        }
    }

    void licenseLapsesAtTheInstantOfExpiry() {
        // Give Nevada a zone whose midnight falls three seconds from now, and a
        // license that expires on the date ending at that midnight.
        using namespace std::chrono;
        const auto expiry = ceil<seconds>(system_clock::now()) + seconds(3);
        // Local clock = UTC + eastOfUtc, chosen so that expiry is a local midnight:
        // the end of expiryDate there. Kept within half a day either way.
        auto expiryDate = floor<days>(expiry);
        auto eastOfUtc = duration_cast<seconds>(expiryDate + days(1) - expiry);
        if (eastOfUtc > hours(12)) {
            expiryDate -= days(1);
            eastOfUtc -= days(1);
        }
        const auto offset = static_cast<long long>(abs(eastOfUtc).count());
        // POSIX zone offsets count hours west of UTC, hence the inverted sign.
        const std::string zone =
            QString::asprintf("XXX%c%02lld:%02lld:%02lld", eastOfUtc.count() >= 0 ? '-' : '+',
                              offset / 3600, offset / 60 % 60, offset % 60)
                .toStdString();
        const std::string expiresOn = QDate(1970, 1, 1)
                                          .addDays(expiryDate.time_since_epoch().count())
                                          .toString(Qt::ISODate)
                                          .toStdString();

        SchedulingDatabase db;
        std::int64_t provider = 0, first = 0, second = 0;
        db.write([&](pqxx::work &tx) {
            tx.exec_params0("UPDATE jurisdictions SET time_zone = $1 WHERE code = 'NV'", zone);
            enableStates(tx, {"NV"});
            provider = addProvider(tx, "dr.nevada");
            addLicense(tx, provider, "NV", expiresOn);
            first = addVisit(tx, "NV", 1).id;
            second = addVisit(tx, "NV", 2).id;
        });
        pqxx::work check(db.connection());
        const auto lapse = check
                               .exec_params1("SELECT extract(epoch FROM (($1::date + 1)::timestamp "
                                             "AT TIME ZONE $2))::bigint",
                                             expiresOn, zone)[0]
                               .as<std::int64_t>();
        check.commit();
        QCOMPARE(lapse, static_cast<std::int64_t>(
                            duration_cast<seconds>(expiry.time_since_epoch()).count()));
        QVERIFY2(system_clock::now() < expiry - milliseconds(500), "set-up took too long");

        const auto claimed =
            db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); });
        QCOMPARE(claimedId(claimed), std::optional<std::int64_t>(first));

        std::this_thread::sleep_until(expiry + milliseconds(100));
        QVERIFY(!db.write([&](pqxx::work &tx) { return VisitScheduler::claimNext(tx, provider); }));
        QCOMPARE(codeOf(db.refusal([&](pqxx::work &tx) {
                     VisitScheduler::assign(tx, second, provider, kStaff);
                 })),
                 QStringLiteral("not_licensed"));
        // Assigned while licensed, but the license lapsed before the visit began.
        QCOMPARE(codeOf(db.refusal([&](pqxx::work &tx) {
                     VisitScheduler::transition(tx, first, VisitStatus::InVisit,
                                                asProvider(provider));
                 })),
                 QStringLiteral("not_licensed"));
        pqxx::work tx(db.connection());
        QCOMPARE(VisitRepository::find(tx, second)->status, VisitStatus::Waiting);
        QCOMPARE(VisitRepository::find(tx, first)->status, VisitStatus::Assigned);
    }

    void assignRechecksEligibility() {
        SchedulingDatabase db;
        std::int64_t support = 0, retired = 0, resting = 0, elsewhere = 0, expired = 0,
                     unverified = 0, good = 0, other = 0, visit = 0;
        db.write([&](pqxx::work &tx) {
            enableStates(tx, {"WA", "OR"});
            support = addCaregiver(tx, "support", {Role::Support});
            retired = addProvider(tx, "retired");
            resting = addProvider(tx, "resting", false);
            elsewhere = addProvider(tx, "elsewhere");
            expired = addProvider(tx, "expired");
            unverified = addProvider(tx, "unverified");
            good = addProvider(tx, "good");
            other = addProvider(tx, "other");
            for (auto who : {support, retired, resting, good, other})
                addLicense(tx, who, "WA");
            addLicense(tx, elsewhere, "OR");
            addLicense(tx, expired, "WA", localDate(tx, "WA", -1));
            addLicense(tx, unverified, "WA", "2099-12-31", false);
            tx.exec_params0("UPDATE caregivers SET active = false WHERE id = $1", retired);
            visit = addVisit(tx, "WA", 1).id;
        });
        const auto assignTo = [&](std::int64_t visitId, std::int64_t who) {
            return db.refusal(
                [&](pqxx::work &tx) { VisitScheduler::assign(tx, visitId, who, kStaff); });
        };
        QCOMPARE(codeOf(assignTo(visit + 1000, good)), QStringLiteral("not_found"));
        QCOMPARE(assignTo(visit + 1000, good)->field, std::string("visitId"));
        QCOMPARE(codeOf(assignTo(visit, 987654)), QStringLiteral("not_found"));
        QCOMPARE(assignTo(visit, 987654)->field, std::string("providerId"));
        QCOMPARE(codeOf(assignTo(visit, support)), QStringLiteral("not_a_provider"));
        QCOMPARE(codeOf(assignTo(visit, retired)), QStringLiteral("not_a_provider"));
        QCOMPARE(codeOf(assignTo(visit, resting)), QStringLiteral("provider_unavailable"));
        QCOMPARE(codeOf(assignTo(visit, elsewhere)), QStringLiteral("not_licensed"));
        QCOMPARE(codeOf(assignTo(visit, expired)), QStringLiteral("not_licensed"));
        QCOMPARE(codeOf(assignTo(visit, unverified)), QStringLiteral("not_licensed"));
        {
            pqxx::work tx(db.connection());
            QCOMPARE(VisitRepository::find(tx, visit)->status, VisitStatus::Waiting);
            QCOMPARE(VisitRepository::events(tx, visit).size(), std::size_t(1));
            QCOMPARE(countRows(tx, "SELECT count(*) FROM audit_events "
                                   "WHERE action = 'visit.assign'"),
                     0);
        }

        QCOMPARE(codeOf(assignTo(visit, good)), QStringLiteral("none"));
        QCOMPARE(codeOf(assignTo(visit, other)), QStringLiteral("invalid_transition"));

        pqxx::work tx(db.connection());
        const auto assigned = VisitRepository::find(tx, visit);
        QCOMPARE(assigned->status, VisitStatus::Assigned);
        QCOMPARE(assigned->assignedProviderId, std::optional<std::int64_t>(good));
        const auto events = VisitRepository::events(tx, visit);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[1].from, std::optional<VisitStatus>(VisitStatus::Waiting));
        QCOMPARE(events[1].to, VisitStatus::Assigned);
        QCOMPARE(events[1].actorKind, ActorKind::Support);
        QCOMPARE(events[1].actorId, kStaff.id);
        QCOMPARE(events[1].providerId, std::optional<std::int64_t>(good));
        QCOMPARE(events[1].reason, std::string("staff"));
        const auto audit = tx.exec1("SELECT actor_id, (detail->>'providerId')::bigint, "
                                    "detail->>'how', client_address, detail->>'as' "
                                    "FROM audit_events WHERE action = 'visit.assign'");
        QCOMPARE(audit[0].as<std::int64_t>(), *kStaff.id);
        QCOMPARE(audit[1].as<std::int64_t>(), good);
        QCOMPARE(audit[2].as<std::string>(), std::string("staff"));
        QCOMPARE(audit[3].as<std::string>(), kStaff.clientAddress);
        QCOMPARE(audit[4].as<std::string>(), std::string("support"));
    }
};

QTEST_GUILESS_MAIN(VisitSchedulerTest)
#include "VisitSchedulerTest.moc"
