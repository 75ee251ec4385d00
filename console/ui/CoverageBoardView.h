#pragma once

#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"

#include <QSet>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace caredesk::console {

class CoverageTableModel;
class ProviderTableModel;
class QueueStore;
class SessionState;
class ShiftDialog;
class ShiftDialogHolder;
class StateTileMap;

// Coverage at a glance, for every caregiver: the tile map of the states
// coloured by how well each is covered, with two tables, the states'
// coverage (licensed providers, on shift, free, in a visit, against the
// patients waiting) and the providers (status, licenses, shift). All of it
// follows the queue stream live. The map and the tables sit side by side in
// a wide pane, one above the other in a tall one, and the map becomes a tab
// of its own in a small one.
//
// Activating a state (a tile, or a row of the states table) asks for the
// queue board to show only that state, or all again when it already does;
// the states the board shows are outlined on the map, and the provider list
// narrows to those licensed there. Admins set a provider's shift from the
// provider list. Like the queue board it reads the store and asks through
// signals; it never talks to the server.
class CoverageBoardView : public QWidget {
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // ms since the epoch, server clock

    CoverageBoardView(QueueStore &store, SessionState &session, QWidget *parent = nullptr);

    void setClock(const Clock &clock);
    // The states the queue board is narrowed to (none: all of them).
    void setFilteredStates(const QSet<QString> &codes);

    StateTileMap &tileMap() const { return *m_map; }
    QTableView *stateTable() const { return m_stateTable; }
    QTableView *providerTable() const { return m_providerTable; }
    CoverageTableModel &coverageModel() const { return *m_coverageModel; }
    // "2 states need attention", or that none does.
    QString summaryText() const;
    // Admins: the shift of the provider selected in the provider list.
    void openShiftDialog();
    ShiftDialog *shiftDialog() const;
    void showShiftSaved(const caredesk::console::ShiftRequest &request);
    void showShiftFailed(const caredesk::console::ShiftRequest &request,
                         const caredesk::console::RequestFailure &failure);

signals:
    // Show only this state on the queue board, or all again if only it shows.
    void stateFilterToggled(const QString &stateCode);
    void allStatesRequested();
    void shiftRequested(const caredesk::console::ShiftRequest &request);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class Arrangement { SideBySide, Stacked, Tabbed };

    void createLayout();
    // Map and tables as the pane's size allows.
    void arrange();
    void updateRoles();
    void updateSummary();
    void updateShiftAction();
    std::optional<qint64> currentProviderId() const;

    QueueStore &m_store;
    SessionState &m_session;
    Clock m_clock;
    CoverageTableModel *m_coverageModel;
    ProviderTableModel *m_providerModel;
    QSortFilterProxyModel *m_stateProxy;
    QSortFilterProxyModel *m_providerProxy;
    StateTileMap *m_map = nullptr;
    QSplitter *m_splitter = nullptr;
    std::optional<Arrangement> m_arrangement; // none before the first layout
    QTabWidget *m_tabs = nullptr;
    QTableView *m_stateTable = nullptr;
    QTableView *m_providerTable = nullptr;
    QWidget *m_providersPage = nullptr; // the provider list's tab
    QLabel *m_summary = nullptr;
    QLabel *m_filterNote = nullptr;
    QPushButton *m_allStates = nullptr;
    QLabel *m_providerNote = nullptr;
    QPushButton *m_setShift = nullptr;
    QAction *m_setShiftAction = nullptr;
    QSet<QString> m_filtered;
    ShiftDialogHolder *m_shiftDialog;
};

} // namespace caredesk::console
