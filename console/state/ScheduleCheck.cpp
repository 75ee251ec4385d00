#include "state/ScheduleCheck.h"

#include "domain/OperatingHours.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>
#include <map>

namespace caredesk::console {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("ScheduleCheck", text);
}

std::vector<domain::HoursRange> rangesOf(const std::vector<protocol::OpeningHours> &hours) {
    std::vector<domain::HoursRange> ranges;
    for (const auto &opening : hours) {
        const auto opens = domain::parseTimeOfDay(opening.opens);
        const auto closes = domain::parseTimeOfDay(opening.closes);
        // Unreadable times are the codec's to refuse; -1 makes validate() name them.
        ranges.push_back(
            {opens.value_or(std::chrono::minutes{-1}), closes.value_or(std::chrono::minutes{-1})});
    }
    return ranges;
}

// validate() names places "monday[1]", "monday", "2026-12-24[0]",
// "2026-12-24", or "2026-12-23 (tuesday)[0]" for a weekly range that runs
// into a special day. Each becomes the body path of the row it is about.
QString fieldOfPlace(const std::string &where, const protocol::StateSchedule &schedule) {
    static const QRegularExpression shape(QStringLiteral(
        "^(?:([a-z]+)|(\\d{4}-\\d{2}-\\d{2})(?: \\(([a-z]+)\\))?)(?:\\[(\\d+)\\])?$"));
    const auto match = shape.match(QString::fromStdString(where));
    if (!match.hasMatch())
        return QStringLiteral("weekly");
    const QString index = match.captured(4);
    const QString suffix = index.isEmpty() ? QString() : QStringLiteral("[%1]").arg(index);
    QString weekday = match.captured(1);
    if (weekday.isEmpty())
        weekday = match.captured(3);
    if (!weekday.isEmpty())
        return QStringLiteral("weekly.") + weekday + suffix;
    const std::string date = match.captured(2).toStdString();
    for (std::size_t i = 0; i < schedule.specialHours.size(); ++i) {
        if (schedule.specialHours[i].date == date)
            return index.isEmpty() ? QStringLiteral("specialHours[%1].date").arg(i)
                                   : QStringLiteral("specialHours[%1].hours%2").arg(i).arg(suffix);
    }
    for (std::size_t i = 0; i < schedule.closures.size(); ++i) {
        if (schedule.closures[i].date == date)
            return QStringLiteral("closures[%1].date").arg(i);
    }
    return QStringLiteral("specialHours");
}

template <class Entry>
void checkDates(const std::vector<Entry> &entries, const QString &name,
                std::vector<FieldProblem> &problems) {
    if (entries.size() > protocol::kMaxDatedEntries)
        problems.push_back({name, tr("at most %1 dates").arg(protocol::kMaxDatedEntries)});
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const QString field = QStringLiteral("%1[%2].date").arg(name).arg(i);
        if (!domain::parseLocalDate(entries[i].date)) {
            problems.push_back({field, tr("not a date")});
            continue;
        }
        const auto [first, added] = seen.emplace(entries[i].date, i);
        if (!added)
            problems.push_back(
                {field, tr("%1 is listed twice").arg(QString::fromStdString(entries[i].date))});
    }
}

} // namespace

std::vector<FieldProblem> checkSchedule(const protocol::StateSchedule &schedule,
                                        const std::vector<std::string> &timeZones) {
    std::vector<FieldProblem> problems;
    if (std::find(timeZones.begin(), timeZones.end(), schedule.timeZone) == timeZones.end())
        problems.push_back({QStringLiteral("timeZone"), tr("pick one of the state's time zones")});

    checkDates(schedule.closures, QStringLiteral("closures"), problems);
    for (std::size_t i = 0; i < schedule.closures.size(); ++i) {
        if (schedule.closures[i].note.size() > protocol::kMaxClosureNoteBytes)
            problems.push_back(
                {QStringLiteral("closures[%1].note").arg(i),
                 tr("keep the note under %1 characters").arg(protocol::kMaxClosureNoteBytes)});
    }
    checkDates(schedule.specialHours, QStringLiteral("specialHours"), problems);

    domain::OperatingHours hours;
    for (std::size_t day = 0; day < protocol::kWeekdays && day < schedule.weekly.size(); ++day)
        hours.weekly[day] = rangesOf(schedule.weekly[day]);
    for (const auto &closure : schedule.closures) {
        if (const auto date = domain::parseLocalDate(closure.date))
            hours.closedDates.insert(*date);
    }
    for (const auto &special : schedule.specialHours) {
        if (const auto date = domain::parseLocalDate(special.date))
            hours.specialHours.emplace(*date, rangesOf(special.hours));
    }
    for (const auto &problem : hours.validate())
        problems.push_back(
            {fieldOfPlace(problem.where, schedule), QString::fromStdString(problem.message)});
    return problems;
}

} // namespace caredesk::console
