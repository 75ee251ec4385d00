#pragma once

#include <QAbstractTableModel>
#include <optional>

namespace caredesk::console {

class StateSettingsStore;

// Every jurisdiction with what an admin sets for it at a glance: offered or
// not, its time zone, and the last saved change (version, who, when).
class StateSettingsTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        CodeColumn,
        OfferedColumn,
        TimeZoneColumn,
        ChangedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        StateCodeRole = Qt::UserRole + 1, // QString
        OfferedRole,                      // bool
        VersionRole,                      // qint64
    };
    Q_ENUM(Role)

    explicit StateSettingsTableModel(StateSettingsStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "v7 · Alex Morgan · 2026-03-02 14:12" in this workstation's time
    // (without the time of day when withTime is false).
    static QString changeText(qint64 version, std::optional<qint64> changedAtMs,
                              const QString &changedBy, bool withTime = true);

private:
    StateSettingsStore &m_store;
};

} // namespace caredesk::console
