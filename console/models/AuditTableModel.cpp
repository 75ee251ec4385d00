#include "models/AuditTableModel.h"

#include "models/CsvText.h"

#include <QDateTime>
#include <QIODevice>
#include <QLocale>

namespace caredesk::console {

AuditTableModel::AuditTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void AuditTableModel::setRows(const QList<AuditRow> &rows) {
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void AuditTableModel::appendRows(const QList<AuditRow> &rows) {
    if (rows.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows += rows;
    endInsertRows();
}

int AuditTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditTableModel::actorText(const AuditRow &row) {
    if (row.actorKind == QLatin1String("caregiver")) {
        const QString id = row.actorId ? QString::number(*row.actorId) : QString();
        return row.actorName.isEmpty() ? tr("caregiver %1").arg(id)
                                       : tr("%1 (%2)").arg(row.actorName, id);
    }
    return row.actorKind == QLatin1String("patient") ? tr("patient") : tr("system");
}

QString AuditTableModel::subjectText(const AuditRow &row) {
    if (row.subjectType.isEmpty())
        return row.subjectId;
    return row.subjectId.isEmpty() ? row.subjectType
                                   : tr("%1 %2").arg(row.subjectType, row.subjectId);
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRow &row = m_rows[index.row()];
    if (role == RowRole)
        return QVariant::fromValue(row);
    if (role == Qt::ToolTipRole && index.column() == DetailColumn)
        return row.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.atMs).toLocalTime(),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ActorColumn:
        return actorText(row);
    case ActionColumn:
        return row.action;
    case SubjectColumn:
        return subjectText(row);
    case AddressColumn:
        return row.clientAddress;
    case DetailColumn:
        return row.detail == QLatin1String("{}") ? QString() : row.detail;
    case SealedColumn:
        return row.sealed ? tr("sealed") : tr("not yet");
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case SubjectColumn:
        return tr("Subject");
    case AddressColumn:
        return tr("Address");
    case DetailColumn:
        return tr("Detail");
    case SealedColumn:
        return tr("Seal");
    default:
        return {};
    }
}

void AuditTableModel::writeCsv(const QList<AuditRow> &rows, QIODevice &out) {
    const auto line = [&out](const QStringList &cells) {
        out.write(CsvText::record(cells).toUtf8());
    };
    line({QStringLiteral("id"), QStringLiteral("time_utc"), QStringLiteral("actor_kind"),
          QStringLiteral("actor_id"), QStringLiteral("actor_name"), QStringLiteral("action"),
          QStringLiteral("subject_type"), QStringLiteral("subject_id"),
          QStringLiteral("client_address"), QStringLiteral("detail"), QStringLiteral("sealed")});
    for (const AuditRow &row : rows)
        line({QString::number(row.id),
              QDateTime::fromMSecsSinceEpoch(row.atMs, Qt::UTC).toString(Qt::ISODateWithMs),
              row.actorKind, row.actorId ? QString::number(*row.actorId) : QString(),
              row.actorName, row.action, row.subjectType, row.subjectId, row.clientAddress,
              row.detail, row.sealed ? QStringLiteral("true") : QStringLiteral("false")});
}

} // namespace caredesk::console
