#include "models/CaregiverTableModel.h"

#include <QBrush>
#include <QDateTime>
#include <QPalette>

namespace caredesk::console {

namespace {

QString localTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

CaregiverTableModel::CaregiverTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

void CaregiverTableModel::setRows(const QList<CaregiverAccountRow> &rows) {
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void CaregiverTableModel::upsert(const CaregiverAccountRow &row) {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id != row.id)
            continue;
        m_rows[i] = row;
        emit dataChanged(index(static_cast<int>(i), 0),
                         index(static_cast<int>(i), ColumnCount - 1));
        return;
    }
    const int last = static_cast<int>(m_rows.size());
    beginInsertRows({}, last, last);
    m_rows.append(row);
    endInsertRows();
}

const CaregiverAccountRow *CaregiverTableModel::account(qint64 id) const {
    for (const CaregiverAccountRow &row : m_rows) {
        if (row.id == id)
            return &row;
    }
    return nullptr;
}

int CaregiverTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CaregiverTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString CaregiverTableModel::rolesText(const QStringList &roles) {
    QStringList titles;
    for (const QString &role : roles) {
        if (role == QLatin1String("support"))
            titles.append(tr("Support"));
        else if (role == QLatin1String("provider"))
            titles.append(tr("Provider"));
        else if (role == QLatin1String("admin"))
            titles.append(tr("Admin"));
        else
            titles.append(role);
    }
    return titles.join(tr(", "));
}

QString CaregiverTableModel::statusText(const CaregiverAccountRow &row, qint64 nowMs) {
    if (row.accountStatus == QLatin1String("deactivated") || !row.active)
        return tr("Deactivated");
    if (row.accountStatus == QLatin1String("invited")) {
        if (!row.inviteExpiresAtMs || *row.inviteExpiresAtMs <= nowMs)
            return tr("Invited, code expired");
        return tr("Invited");
    }
    return tr("Active");
}

QVariant CaregiverTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaregiverAccountRow &row = m_rows[index.row()];
    const qint64 now = m_clock();
    switch (role) {
    case RowRole:
        return QVariant::fromValue(row);
    case IdRole:
        return row.id;
    case AccountStatusRole:
        return row.active ? row.accountStatus : QStringLiteral("deactivated");
    case Qt::ForegroundRole:
        if (!row.active)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == InviteColumn && row.inviteExpiresAtMs &&
            *row.inviteExpiresAtMs <= now)
            return QBrush(QColor(0xb4, 0x53, 0x09));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            QStringList contact;
            if (!row.email.isEmpty())
                contact.append(row.email);
            if (!row.phone.isEmpty())
                contact.append(row.phone);
            return contact.join(QLatin1Char('\n'));
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return row.displayName.toCaseFolded();
        case UsernameColumn:
            return row.username.toCaseFolded();
        case InviteColumn:
            return row.inviteExpiresAtMs.value_or(0);
        case LastSignInColumn:
            return row.lastSignInAtMs.value_or(0);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.displayName;
        case UsernameColumn:
            return row.username;
        case RolesColumn:
            return rolesText(row.roles);
        case StatusColumn:
            return statusText(row, now);
        case InviteColumn:
            if (!row.inviteExpiresAtMs || !row.active)
                return QString();
            return *row.inviteExpiresAtMs <= now
                       ? tr("expired %1").arg(localTime(*row.inviteExpiresAtMs))
                       : tr("until %1").arg(localTime(*row.inviteExpiresAtMs));
        case LastSignInColumn:
            return row.lastSignInAtMs ? localTime(*row.lastSignInAtMs) : tr("never");
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CaregiverTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UsernameColumn:
        return tr("Username");
    case RolesColumn:
        return tr("Roles");
    case StatusColumn:
        return tr("Status");
    case InviteColumn:
        return tr("Invitation");
    case LastSignInColumn:
        return tr("Last sign-in");
    default:
        return {};
    }
}

} // namespace caredesk::console
