#pragma once

#include "domain/ProviderAvailability.h"
#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"

#include <QColor>
#include <QTimer>
#include <QToolButton>
#include <functional>

class QAction;
class QActionGroup;
class QMenu;

namespace caredesk::console {

class QueueStore;
class SessionState;
class ShiftDialog;
class ShiftDialogHolder;
struct ProviderStatusRow;

// A provider's own status on the queue board's tool bar: what routing sees
// of them now, from their row on the board ("Available", "In visit",
// "Off shift — shift ended 19:00"), with a menu to set what they are
// (available, on break, offline) and to set or clear their shift. It shows
// what the server last said, never the click: a choice shows once the queue
// stream brings it back.
class ProviderStatusButton : public QToolButton {
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // ms since the epoch, server clock

    ProviderStatusButton(QueueStore &store, SessionState &session, QWidget *parent = nullptr);

    void setClock(Clock clock);
    // The signed-in provider's row on the board; null before it arrives.
    const ProviderStatusRow *ownRow() const;

    void openShiftDialog();
    ShiftDialog *shiftDialog() const;
    // Outcomes of shiftRequested, for "Your shift" when it is theirs.
    void showShiftSaved(const caredesk::console::ShiftRequest &request);
    void showShiftFailed(const caredesk::console::ShiftRequest &request,
                         const caredesk::console::RequestFailure &failure);

signals:
    void availabilityRequested(caredesk::domain::AvailabilityStatus status);
    void shiftRequested(const caredesk::console::ShiftRequest &request);

private:
    void refresh();
    void setDot(const QColor &colour);

    QueueStore &m_store;
    SessionState &m_session;
    Clock m_clock;
    QMenu *m_menu;
    QActionGroup *m_statusGroup;
    QAction *m_available;
    QAction *m_onBreak;
    QAction *m_offline;
    QAction *m_shift;
    QColor m_dotColour;
    QTimer m_refreshTimer;
    ShiftDialogHolder *m_shiftDialog;
};

} // namespace caredesk::console
