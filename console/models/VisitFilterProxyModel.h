#pragma once

#include "domain/VisitStatus.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace caredesk::console {

// The visits table as the person asked to see it: only the chosen states and
// statuses (none chosen: all), only patients whose name or reason contains the
// search text, sorted by VisitTableModel::SortRole. Unsorted it follows queue
// order: priority first, then the longest waiting.
class VisitFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit VisitFilterProxyModel(QObject *parent = nullptr);

    QSet<QString> states() const { return m_states; }
    QSet<domain::VisitStatus> statuses() const { return m_statuses; }
    QString searchText() const { return m_search; }

    void setStates(const QSet<QString> &stateCodes);
    void setStatuses(const QSet<domain::VisitStatus> &statuses);
    void setSearchText(const QString &text);

signals:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<QString> m_states;
    QSet<domain::VisitStatus> m_statuses;
    QString m_search;
};

} // namespace caredesk::console
