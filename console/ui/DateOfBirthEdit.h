#pragma once

#include <QDateEdit>

namespace caredesk::console {

// A date edit that starts empty ("YYYY-MM-DD") rather than at some date a
// busy person might leave in place, and takes a date typed as digits with or
// without dashes ("19840229", "1984-02-29"). A date typed only in part is
// dropped when the focus leaves, so no half-typed date passes as an answer.
// date() is minimumDate() while nothing is set.
class DateOfBirthEdit : public QDateEdit {
    Q_OBJECT

public:
    explicit DateOfBirthEdit(QWidget *parent = nullptr);

    bool isSet() const { return date() != minimumDate(); }
    void clearDate();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool m_typing = false;   // typing began from the empty state
    bool m_dayTyped = false; // and reached the day
    bool m_advanced = false; // the last digit filled a section and moved on
};

} // namespace caredesk::console
