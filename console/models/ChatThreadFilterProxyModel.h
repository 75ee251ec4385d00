#pragma once

#include <QSortFilterProxyModel>

namespace caredesk::console {

// Which chat threads the list shows: all of them, the caregiver's own, or
// those in the pool waiting for someone to claim them. Sorts by each
// column's SortRole.
class ChatThreadFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    enum class Scope { All, Mine, Unclaimed };
    Q_ENUM(Scope)

    explicit ChatThreadFilterProxyModel(QObject *parent = nullptr);

    Scope scope() const { return m_scope; }
    void setScope(Scope scope);
    // The signed-in caregiver, for Mine.
    void setCaregiverId(qint64 caregiverId);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Scope m_scope = Scope::All;
    qint64 m_caregiverId = 0;
};

} // namespace caredesk::console
