#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace caredesk::console {

class QueueStore;
class VisitFilterProxyModel;

// The controls above the visits table: which states (a menu of the states on
// the board), which statuses, a search over names and reasons, and how many
// visits that leaves.
class VisitFilterBar : public QWidget {
    Q_OBJECT

public:
    VisitFilterBar(QueueStore &store, VisitFilterProxyModel &proxy, QWidget *parent = nullptr);

    void focusSearch();
    // Shows only this state's visits, or all states again when only this one
    // was shown.
    void toggleOnlyState(const QString &stateCode);
    void showAllStates();
    // Index in the status list: 0 all, 1 in line, 2 assigned, 3 in visit.
    void setStatusChoice(int index);

    QString stateButtonText() const;
    QString summaryText() const;

private:
    void rebuildStateMenu();
    void applyStateChoice();
    void refresh();

    QueueStore &m_store;
    VisitFilterProxyModel &m_proxy;
    QToolButton *m_states;
    QMenu *m_stateMenu;
    QComboBox *m_status;
    QLineEdit *m_search;
    QLabel *m_summary;
};

} // namespace caredesk::console
