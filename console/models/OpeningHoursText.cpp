#include "models/OpeningHoursText.h"

#include "domain/OperatingHours.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace caredesk::console {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("OpeningHoursText", text);
}

constexpr QChar kEnDash(0x2013);

// "8", "08", "8:30", "08:30", "24:00" -> "HH:MM"; empty when it is not a time.
QString normalisedTime(const QString &typed) {
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,2})(?::(\\d{2}))?$"));
    const auto match = shape.match(typed.trimmed());
    if (!match.hasMatch())
        return {};
    const QString hours = match.captured(1).rightJustified(2, QLatin1Char('0'));
    const QString minutes = match.hasCaptured(2) ? match.captured(2) : QStringLiteral("00");
    const QString text = hours + QLatin1Char(':') + minutes;
    if (!domain::parseTimeOfDay(text.toStdString()))
        return {};
    return text;
}

} // namespace

QString OpeningHoursText::format(const std::vector<protocol::OpeningHours> &hours) {
    QStringList ranges;
    for (const auto &range : hours)
        ranges.append(QString::fromStdString(range.opens) + kEnDash +
                      QString::fromStdString(range.closes));
    return ranges.join(QStringLiteral(", "));
}

OpeningHoursText::Reading OpeningHoursText::read(const QString &text) {
    Reading reading;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(tr("closed"), Qt::CaseInsensitive) == 0)
        return reading;
    static const QRegularExpression between(QStringLiteral("[,;]"));
    QStringList pieces;
    for (const QString &piece : trimmed.split(between)) {
        if (!piece.trimmed().isEmpty()) // a stray comma is no opening
            pieces.append(piece.trimmed());
    }
    if (pieces.size() > static_cast<qsizetype>(protocol::kMaxRangesPerDay)) {
        reading.problem = tr("at most %1 openings a day").arg(protocol::kMaxRangesPerDay);
        return reading;
    }
    // Dashes of any kind, or "to", between the two times.
    static const QRegularExpression range(
        QStringLiteral("^\\s*([0-9:]+)\\s*(?:-|\\x{2013}|\\x{2014}|to)\\s*([0-9:]+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const QString &piece = pieces[i];
        const auto match = range.match(piece);
        const QString opens = match.hasMatch() ? normalisedTime(match.captured(1)) : QString();
        const QString closes = match.hasMatch() ? normalisedTime(match.captured(2)) : QString();
        if (opens.isEmpty() || closes.isEmpty()) {
            reading.problem = tr("\"%1\" is not an opening; write it as 08:00–20:00").arg(piece);
            reading.problemAt = static_cast<int>(i);
            reading.hours.clear();
            return reading;
        }
        if (opens == QLatin1String("24:00")) {
            reading.problem = tr("\"%1\" opens at 24:00; open at 00:00 instead").arg(piece);
            reading.problemAt = static_cast<int>(i);
            reading.hours.clear();
            return reading;
        }
        reading.hours.push_back({opens.toStdString(), closes.toStdString()});
    }
    return reading;
}

} // namespace caredesk::console
