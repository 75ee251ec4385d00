#pragma once

#include <QSortFilterProxyModel>

namespace caredesk::console {

// The state overview, most urgent first (StateTableModel::UrgencyRole), and
// states of equal urgency by name, so rows do not trade places at random as
// their figures change.
class StateUrgencyProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit StateUrgencyProxyModel(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace caredesk::console
