#pragma once

#include "models/StateTableModel.h"
#include "models/VisitTableModel.h"
#include "net/SessionInfo.h"
#include "ui/QueueBoardView.h"

#include <QAction>
#include <QTableView>

namespace caredesk::console::test {

// Driving a queue board in tests as a person would: who is signed in, the
// board's actions, the row picked in each table.

inline SessionInfo caregiver(const QStringList &roles) {
    SessionInfo info;
    info.userId = 3;
    info.username = QStringLiteral("sam");
    info.displayName = QStringLiteral("Sam Rivera");
    info.roles = roles;
    return info;
}

inline QAction *action(const QueueBoardView &view, const char *name) {
    auto *found = view.findChild<QAction *>(QLatin1String(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

// Makes the visit with this id the current row of the visits table.
inline bool selectVisit(QueueBoardView &view, qint64 visitId) {
    QTableView *table = view.visitTable();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        if (index.data(VisitTableModel::VisitIdRole).toLongLong() == visitId) {
            table->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

inline bool selectState(QueueBoardView &view, const QString &code) {
    QTableView *table = view.stateTable();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        if (index.data(StateTableModel::StateCodeRole).toString() == code) {
            table->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

} // namespace caredesk::console::test
