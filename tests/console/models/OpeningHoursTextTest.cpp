#include "models/OpeningHoursText.h"

#include "state/ScheduleCheck.h"

#include <QTest>

using caredesk::console::checkSchedule;
using caredesk::console::FieldProblem;
using caredesk::console::OpeningHoursText;
using caredesk::protocol::OpeningHours;
using caredesk::protocol::StateSchedule;

namespace {

using Hours = std::vector<OpeningHours>;

StateSchedule weekdays(const Hours &hours) {
    StateSchedule schedule;
    schedule.timeZone = "America/Chicago";
    schedule.enabled = true;
    schedule.weekly.assign(7, {});
    for (std::size_t day = 1; day <= 5; ++day)
        schedule.weekly[day] = hours;
    return schedule;
}

const std::vector<std::string> kZones{"America/Chicago", "America/Denver"};

QStringList fieldsOf(const std::vector<FieldProblem> &problems) {
    QStringList fields;
    for (const auto &problem : problems)
        fields.append(problem.field);
    return fields;
}

} // namespace

class OpeningHoursTextTest : public QObject {
    Q_OBJECT

private slots:
    void writesTheProtocolTimesWithADash();
    void readsWhatItWrites_data();
    void readsWhatItWrites();
    void readsForgivingly_data();
    void readsForgivingly();
    void refusesWhatIsNoOpening_data();
    void refusesWhatIsNoOpening();
    void soundScheduleHasNoProblems();
    void overlapsAreNamedByDayAndRange();
    void overnightRangeRunningIntoTheNextDayIsFound();
    void datesTwiceOrBothClosedAndSpecialAreFound();
    void zoneMustBeTheStates();
};

void OpeningHoursTextTest::writesTheProtocolTimesWithADash() {
    QCOMPARE(OpeningHoursText::format({}), QString());
    QCOMPARE(OpeningHoursText::format({{"08:00", "20:00"}, {"22:00", "02:00"}}),
             QStringLiteral("08:00\u201320:00, 22:00\u201302:00"));
}

void OpeningHoursTextTest::readsWhatItWrites_data() {
    QTest::addColumn<Hours>("hours");
    QTest::newRow("closed") << Hours{};
    QTest::newRow("one") << Hours{{"08:00", "20:00"}};
    QTest::newRow("overnight and two") << Hours{{"08:00", "20:00"}, {"22:00", "02:00"}};
    QTest::newRow("around the clock") << Hours{{"08:00", "08:00"}};
    QTest::newRow("to midnight") << Hours{{"00:00", "24:00"}};
    QTest::newRow("eight") << Hours{{"00:00", "01:00"}, {"02:00", "03:00"}, {"04:00", "05:00"},
                                    {"06:00", "07:00"}, {"08:00", "09:00"}, {"10:00", "11:00"},
                                    {"12:00", "13:00"}, {"14:00", "15:30"}};
}

void OpeningHoursTextTest::readsWhatItWrites() {
    QFETCH(Hours, hours);
    const auto reading = OpeningHoursText::read(OpeningHoursText::format(hours));
    QVERIFY2(reading.problem.isEmpty(), qPrintable(reading.problem));
    QVERIFY(reading.hours == hours);
}

void OpeningHoursTextTest::readsForgivingly_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<Hours>("hours");
    QTest::newRow("hours only") << "8-20" << Hours{{"08:00", "20:00"}};
    QTest::newRow("spaces and hyphen") << " 8:30 - 17 " << Hours{{"08:30", "17:00"}};
    QTest::newRow("semicolons, to")
        << "08:00 to 12:00; 13:00\u201417:00" << Hours{{"08:00", "12:00"}, {"13:00", "17:00"}};
    QTest::newRow("stray comma") << "22:00-2:00," << Hours{{"22:00", "02:00"}};
    QTest::newRow("the word closed") << "Closed" << Hours{};
    QTest::newRow("blank") << "   " << Hours{};
}

void OpeningHoursTextTest::readsForgivingly() {
    QFETCH(QString, typed);
    QFETCH(Hours, hours);
    const auto reading = OpeningHoursText::read(typed);
    QVERIFY2(reading.problem.isEmpty(), qPrintable(reading.problem));
    QVERIFY(reading.hours == hours);
}

void OpeningHoursTextTest::refusesWhatIsNoOpening_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("at");
    QTest::newRow("one time") << "08:00" << 0;
    QTest::newRow("bad minute") << "08:00-20:00, 21:75-23:00" << 1;
    QTest::newRow("25 o'clock") << "08:00-25:00" << 0;
    QTest::newRow("opens at 24") << "24:00-06:00" << 0;
    QTest::newRow("words") << "mornings" << 0;
    QTest::newRow("nine ranges") << "0-1,2-3,4-5,6-7,8-9,10-11,12-13,14-15,16-17" << -1;
}

void OpeningHoursTextTest::refusesWhatIsNoOpening() {
    QFETCH(QString, typed);
    QFETCH(int, at);
    const auto reading = OpeningHoursText::read(typed);
    QVERIFY(!reading.problem.isEmpty());
    QCOMPARE(reading.problemAt, at);
    QVERIFY(reading.hours.empty());
}

void OpeningHoursTextTest::soundScheduleHasNoProblems() {
    StateSchedule schedule = weekdays({{"08:00", "20:00"}, {"22:00", "02:00"}});
    schedule.closures = {{"2026-11-26", "Thanksgiving"}};
    schedule.specialHours = {{"2026-12-24", {{"08:00", "12:00"}}}};
    const auto problems = checkSchedule(schedule, kZones);
    QVERIFY2(problems.empty(), qPrintable(fieldsOf(problems).join(QLatin1Char(' '))));
}

void OpeningHoursTextTest::overlapsAreNamedByDayAndRange() {
    StateSchedule schedule = weekdays({{"08:00", "20:00"}});
    schedule.weekly[1] = {{"08:00", "12:00"}, {"11:00", "14:00"}};
    const auto problems = checkSchedule(schedule, kZones);
    QCOMPARE(fieldsOf(problems), QStringList{QStringLiteral("weekly.monday[0]")});
    QVERIFY2(problems.front().message.contains(QLatin1String("overlaps")),
             qPrintable(problems.front().message));

    schedule.weekly[1] = {};
    schedule.specialHours = {{"2026-12-24", {{"08:00", "12:00"}, {"09:00", "10:00"}}}};
    QCOMPARE(fieldsOf(checkSchedule(schedule, kZones)),
             QStringList{QStringLiteral("specialHours[0].hours[0]")});
}

void OpeningHoursTextTest::overnightRangeRunningIntoTheNextDayIsFound() {
    // Friday 22:00-09:00 runs into Saturday's 08:00 opening.
    StateSchedule schedule = weekdays({});
    schedule.weekly[5] = {{"22:00", "09:00"}};
    schedule.weekly[6] = {{"08:00", "12:00"}};
    const auto problems = checkSchedule(schedule, kZones);
    QCOMPARE(fieldsOf(problems), QStringList{QStringLiteral("weekly.friday[0]")});
    QVERIFY(problems.front().message.contains(QLatin1String("runs into")));
}

void OpeningHoursTextTest::datesTwiceOrBothClosedAndSpecialAreFound() {
    StateSchedule schedule = weekdays({{"08:00", "20:00"}});
    schedule.closures = {
        {"2026-11-26", "Thanksgiving"}, {"2026-12-25", ""}, {"2026-11-26", "again"}};
    schedule.specialHours = {{"2026-12-25", {{"10:00", "14:00"}}}};
    const QStringList fields = fieldsOf(checkSchedule(schedule, kZones));
    QVERIFY2(fields.contains(QStringLiteral("closures[2].date")), qPrintable(fields.join(' ')));
    QVERIFY2(fields.contains(QStringLiteral("specialHours[0].date")), qPrintable(fields.join(' ')));
    QCOMPARE(fields.size(), 2);

    schedule.closures = {{"2026-11-26", std::string(201, 'x')}};
    schedule.specialHours.clear();
    QCOMPARE(fieldsOf(checkSchedule(schedule, kZones)),
             QStringList{QStringLiteral("closures[0].note")});
}

void OpeningHoursTextTest::zoneMustBeTheStates() {
    StateSchedule schedule = weekdays({{"08:00", "20:00"}});
    schedule.timeZone = "Europe/Paris";
    QCOMPARE(fieldsOf(checkSchedule(schedule, kZones)), QStringList{QStringLiteral("timeZone")});
}

QTEST_GUILESS_MAIN(OpeningHoursTextTest)
#include "OpeningHoursTextTest.moc"
