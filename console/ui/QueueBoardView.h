#pragma once

#include "domain/ProviderAvailability.h"
#include "domain/StateStatus.h"
#include "domain/VisitStatus.h"
#include "protocol/VisitMessages.h"
#include "state/IntakeOutcome.h"
#include "state/ProviderChoice.h"
#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"

#include <QList>
#include <QPointer>
#include <QUrl>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QActionGroup;
class QLabel;
class QTableView;
class QToolBar;

namespace caredesk::console {

class BannerView;
class FileVisitDialog;
class ProviderPickerDialog;
class ProviderStatusButton;
class QueueStore;
class SessionState;
class StateTableModel;
class StateUrgencyProxyModel;
class VisitFilterBar;
class VisitFilterProxyModel;
class VisitTableModel;
struct QueueVisitRow;

// The queue board: every state's queue on top, most urgent first, and the
// visits below, filtered and sorted as the person likes. What someone may do
// follows their roles: support and admins open, slow (busy) or close a state,
// file a visit for a patient on the phone, raise a visit's priority, take a
// visit out of line or hand it to a provider, and open the states' hours and
// limits; providers take the next patient, set their status (available, on
// a break, offline) and their shift.
//
// It reads the store and asks for actions through signals; it never talks to
// the server. The server's refusals come back through showActionFailed and
// appear in a banner that does not get in the way.
class QueueBoardView : public QWidget {
    Q_OBJECT

public:
    QueueBoardView(QueueStore &store, SessionState &session, QWidget *parent = nullptr);

    // The clock the waiting times count on: ms since the epoch, server time.
    void setClock(const std::function<qint64()> &clock);

    QTableView *stateTable() const { return m_stateTable; }
    QTableView *visitTable() const { return m_visitTable; }
    VisitFilterProxyModel &visitProxy() const { return *m_visitProxy; }
    VisitFilterBar &filterBar() const { return *m_filterBar; }
    QString bannerText() const;
    QString syncText() const;
    std::optional<qint64> currentVisitId() const;
    QString currentStateCode() const;

    void showActionFailed(const QString &action, const QString &code, const QString &message);
    void showVisitTaken(const caredesk::console::QueueVisitRow &visit);
    // A provider's own status and shift (the tool bar's status button).
    ProviderStatusButton &statusButton() const { return *m_statusButton; }
    void showShiftSaved(const caredesk::console::ShiftRequest &request);
    void showShiftFailed(const caredesk::console::ShiftRequest &request,
                         const caredesk::console::RequestFailure &failure);
    // The provider list asked for by the assignment dialog (providersRequested).
    void setProviderChoices(const QList<caredesk::console::ProviderChoice> &providers);
    void showProviderListFailed(const QString &code, const QString &message);
    // The server the console is connected to, for the patient links of filed visits.
    void setServerUrl(const QUrl &webSocketUrl);
    // Outcomes of visitFilingRequested, for the open "File a visit" dialog.
    void showVisitFiled(const caredesk::console::FiledVisit &visit);
    void showIntakeRefused(const caredesk::console::IntakeRefusal &refusal);
    void showFileVisitFailed(const QString &code, const QString &message, const QString &field);
    FileVisitDialog *fileVisitDialog() const;
    ProviderPickerDialog *providerPicker() const;

signals:
    void stateStatusRequested(const QString &stateCode, caredesk::domain::StateStatus status);
    void takeNextRequested();
    void availabilityRequested(caredesk::domain::AvailabilityStatus status);
    void shiftRequested(const caredesk::console::ShiftRequest &request);
    void priorityRequested(qint64 visitId, int priority);
    void removalRequested(qint64 visitId, const QString &reason);
    void assignmentRequested(qint64 visitId, qint64 providerId);
    // The assignment dialog needs the current provider list.
    void providersRequested();
    void visitFilingRequested(const caredesk::protocol::FileVisit &request);
    // Open the states' hours and limits, at this state if one is given.
    void stateSettingsRequested(const QString &stateCode);
    // Open the chat with this visit's patient.
    void chatRequested(qint64 visitId);

private:
    void createActions();
    void createLayout();
    void updateRoles();
    void updateVisitActions();
    void updateStateActions();
    void showSyncStatus();
    void changePriority(int step);
    void askRemoval();
    void askAssignment();
    void askFileVisit();
    const QueueVisitRow *currentVisit() const;
    // Whether the signed-in caregiver, in any of their staff roles, may move
    // a visit between these statuses.
    bool staffMayMove(domain::VisitStatus from, domain::VisitStatus to) const;
    bool hasRole(const QString &role) const;

    QueueStore &m_store;
    SessionState &m_session;
    VisitTableModel *m_visitModel;
    VisitFilterProxyModel *m_visitProxy;
    StateTableModel *m_stateModel;
    StateUrgencyProxyModel *m_stateProxy;
    std::function<qint64()> m_clock;

    QToolBar *m_toolBar = nullptr;
    QLabel *m_sync = nullptr;
    BannerView *m_banner = nullptr;
    QTableView *m_stateTable = nullptr;
    QTableView *m_visitTable = nullptr;
    VisitFilterBar *m_filterBar = nullptr;

    QAction *m_takeNext = nullptr;
    ProviderStatusButton *m_statusButton = nullptr;
    QAction *m_statusAction = nullptr; // the button's place on the tool bar
    QActionGroup *m_stateStatusGroup = nullptr;
    QAction *m_setOpen = nullptr;
    QAction *m_setBusy = nullptr;
    QAction *m_setClosed = nullptr;
    QAction *m_showStateOnly = nullptr;
    QAction *m_raisePriority = nullptr;
    QAction *m_lowerPriority = nullptr;
    QAction *m_assign = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_openChat = nullptr;
    QAction *m_fileVisit = nullptr;
    QAction *m_stateSettings = nullptr;
    QUrl m_serverUrl;
    QPointer<ProviderPickerDialog> m_providerPicker;
    QPointer<FileVisitDialog> m_fileVisitDialog;
};

} // namespace caredesk::console
