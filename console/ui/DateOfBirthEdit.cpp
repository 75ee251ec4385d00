#include "ui/DateOfBirthEdit.h"

#include <QKeyEvent>

namespace caredesk::console {

namespace {
// The day before the first date the protocol allows stands for "not set".
const QDate kNotSet(1899, 12, 31);
// Typing from the empty state starts here, with the year selected.
const QDate kTypingStart(2000, 1, 1);
} // namespace

DateOfBirthEdit::DateOfBirthEdit(QWidget *parent)
    : QDateEdit(parent) {
    setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    setCalendarPopup(true);
    setDateRange(kNotSet, QDate::currentDate());
    setSpecialValueText(tr("YYYY-MM-DD"));
    setDate(kNotSet);
}

void DateOfBirthEdit::clearDate() {
    m_typing = m_dayTyped = m_advanced = false;
    setDate(kNotSet);
}

void DateOfBirthEdit::keyPressEvent(QKeyEvent *event) {
    const QString text = event->text();
    const bool digit = text.size() == 1 && text.front().isDigit();
    const bool separator =
        text == QLatin1String("-") || text == QLatin1String("/") || text == QLatin1String(".");
    if (separator && m_advanced) {
        // The section already moved on by itself; the dash must not skip the next.
        m_advanced = false;
        event->accept();
        return;
    }
    if (digit && !isSet()) {
        // The empty text cannot be edited section by section: start from a date.
        m_typing = true;
        m_dayTyped = false;
        setDate(kTypingStart);
        setSelectedSection(QDateTimeEdit::YearSection);
    }
    if (digit && currentSection() == QDateTimeEdit::DaySection)
        m_dayTyped = true;
    const Section before = currentSection();
    QDateEdit::keyPressEvent(event);
    m_advanced = digit && currentSection() != before;
}

void DateOfBirthEdit::focusOutEvent(QFocusEvent *event) {
    QDateEdit::focusOutEvent(event);
    if (m_typing && !m_dayTyped)
        setDate(kNotSet);
    m_typing = false;
    m_advanced = false;
}

} // namespace caredesk::console
