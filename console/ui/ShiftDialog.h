#pragma once

#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"
#include "ui/FormErrors.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QPushButton;

namespace caredesk::console {

struct ProviderStatusRow;

// Sets or clears a provider's shift: the times between which they are
// offered patients. Either end may stay open ("from now", "until further
// notice"); clearing sends neither. Times are entered in this workstation's
// zone. Checked as typed with the server's rules (the end after the start
// and still to come, at most 24 hours); what the server refuses is said at
// its field, or above the buttons.
class ShiftDialog : public QDialog {
    Q_OBJECT

public:
    // providerId: whose shift an admin sets; none for the signed-in
    // provider's own. provider: their row on the board, for the name and the
    // shift set now (may be null). nowMs: the server's clock.
    ShiftDialog(std::optional<qint64> providerId, const ProviderStatusRow *provider, qint64 nowMs,
                QWidget *parent = nullptr);

    std::optional<qint64> providerId() const { return m_providerId; }
    // The shift as entered.
    ShiftRequest request() const;
    // Whether an outcome of this request belongs to this dialog.
    bool isFor(const ShiftRequest &request) const { return request.providerId == m_providerId; }

    void showSaved();
    void showFailure(const caredesk::console::RequestFailure &failure);
    // What is said under "startsAt" or "endsAt", or for "" above the buttons.
    QString errorText(const QString &field) const { return m_errors.text(field); }
    bool isBusy() const { return m_busy; }

    QCheckBox *startsBox() const { return m_startsSet; }
    QDateTimeEdit *startsEdit() const { return m_starts; }
    QCheckBox *endsBox() const { return m_endsSet; }
    QDateTimeEdit *endsEdit() const { return m_ends; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *clearButton() const { return m_clear; }

signals:
    void saveRequested(const caredesk::console::ShiftRequest &request);

private:
    void validate();
    void submit(const ShiftRequest &request);
    void setBusy(bool busy);

    std::optional<qint64> m_providerId;
    qint64 m_nowMs;
    QCheckBox *m_startsSet;
    QDateTimeEdit *m_starts;
    QCheckBox *m_endsSet;
    QDateTimeEdit *m_ends;
    QPushButton *m_save;
    QPushButton *m_clear;
    FormErrors m_errors;
    QHash<QString, QString> m_serverErrors;
    bool m_hasShift = false; // something to clear
    bool m_busy = false;
};

} // namespace caredesk::console
