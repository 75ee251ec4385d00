#include "ui/AuditLogView.h"

#include "models/AuditTableModel.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace caredesk::console {

AuditLogView::AuditLogView(QWidget *parent)
    : QDialog(parent)
    , m_model(new AuditTableModel(this))
    , m_action(new QLineEdit(this))
    , m_subjectType(new QLineEdit(this))
    , m_subjectId(new QLineEdit(this))
    , m_actor(new QLineEdit(this))
    , m_useFrom(new QCheckBox(tr("From"), this))
    , m_from(new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this))
    , m_useTo(new QCheckBox(tr("Until"), this))
    , m_to(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_table(new QTableView(this))
    , m_older(new QPushButton(tr("Load older"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("auditLogView"));
    setWindowTitle(tr("Audit log"));
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setPlaceholderText(tr("e.g. chat. or auth.login"));
    m_subjectType->setObjectName(QStringLiteral("auditSubjectType"));
    m_subjectType->setPlaceholderText(tr("e.g. visit"));
    m_subjectId->setObjectName(QStringLiteral("auditSubjectId"));
    m_actor->setObjectName(QStringLiteral("auditActor"));
    m_actor->setPlaceholderText(tr("caregiver id"));
    m_actor->setValidator(new QIntValidator(1, std::numeric_limits<int>::max(), m_actor));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setDefault(true);
    m_older->setObjectName(QStringLiteral("auditOlder"));
    m_older->setEnabled(false);
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_status->setObjectName(QStringLiteral("auditStatus"));

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(AuditTableModel::DetailColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(AuditTableModel::TimeColumn, 150);
    m_table->horizontalHeader()->resizeSection(AuditTableModel::ActorColumn, 170);
    m_table->horizontalHeader()->resizeSection(AuditTableModel::ActionColumn, 180);
    m_table->horizontalHeader()->resizeSection(AuditTableModel::SubjectColumn, 130);

    auto *filters = new QFormLayout;
    auto *what = new QHBoxLayout;
    what->addWidget(m_action, 2);
    what->addWidget(new QLabel(tr("Subject"), this));
    what->addWidget(m_subjectType, 1);
    what->addWidget(m_subjectId, 1);
    what->addWidget(new QLabel(tr("Who"), this));
    what->addWidget(m_actor, 1);
    filters->addRow(tr("Action"), what);
    auto *when = new QHBoxLayout;
    when->addWidget(m_useFrom);
    when->addWidget(m_from);
    when->addWidget(m_useTo);
    when->addWidget(m_to);
    when->addStretch(1);
    when->addWidget(m_search);
    filters->addRow(tr("When"), when);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_older);
    bottom->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    resize(1100, 600);

    m_exportPathQuestion = [this] {
        return QFileDialog::getSaveFileName(this, tr("Export the audit log"),
                                            QStringLiteral("audit-log.csv"),
                                            tr("CSV files (*.csv)"));
    };
    connect(m_search, &QPushButton::clicked, this, &AuditLogView::search);
    for (QLineEdit *edit : {m_action, m_subjectType, m_subjectId, m_actor})
        connect(edit, &QLineEdit::returnPressed, this, &AuditLogView::search);
    connect(m_older, &QPushButton::clicked, this, [this] {
        m_older->setEnabled(false);
        emit olderRequested();
    });
    connect(m_export, &QPushButton::clicked, this, &AuditLogView::askExport);
    connect(m_table, &QWidget::customContextMenuRequested, this, &AuditLogView::showContextMenu);
}

AuditFilter AuditLogView::filter() const {
    AuditFilter filter;
    bool ok = false;
    const qint64 actor = m_actor->text().toLongLong(&ok);
    if (ok && actor > 0)
        filter.actorId = actor;
    filter.action = m_action->text().trimmed();
    filter.subjectType = m_subjectType->text().trimmed();
    filter.subjectId = m_subjectId->text().trimmed();
    if (m_useFrom->isChecked())
        filter.from = m_from->dateTime();
    if (m_useTo->isChecked())
        filter.to = m_to->dateTime();
    return filter;
}

void AuditLogView::setFilter(const AuditFilter &filter) {
    m_actor->setText(filter.actorId ? QString::number(*filter.actorId) : QString());
    m_action->setText(filter.action);
    m_subjectType->setText(filter.subjectType);
    m_subjectId->setText(filter.subjectId);
    m_useFrom->setChecked(filter.from.isValid());
    if (filter.from.isValid())
        m_from->setDateTime(filter.from);
    m_useTo->setChecked(filter.to.isValid());
    if (filter.to.isValid())
        m_to->setDateTime(filter.to);
}

void AuditLogView::search() {
    m_status->setText(tr("Loading…"));
    m_older->setEnabled(false);
    emit listRequested(filter());
}

void AuditLogView::setExportPathQuestion(std::function<QString()> question) {
    m_exportPathQuestion = std::move(question);
}

QString AuditLogView::statusText() const {
    return m_status->text();
}

void AuditLogView::showPage(const QList<AuditRow> &rows, bool append, bool more) {
    if (append)
        m_model->appendRows(rows);
    else
        m_model->setRows(rows);
    m_older->setEnabled(more);
    const int shown = m_model->rowCount();
    m_status->setText(more ? tr("%n event(s) shown; older ones match too.", nullptr, shown)
                           : tr("%n event(s).", nullptr, shown));
}

void AuditLogView::showFailed(const QString &code, const QString &message) {
    m_status->setText(code == QLatin1String("forbidden")
                          ? tr("Only admins read the audit log.")
                          : tr("Could not load the audit log: %1").arg(message));
    m_older->setEnabled(m_model->rowCount() > 0);
}

void AuditLogView::askExport() {
    const QString path = m_exportPathQuestion ? m_exportPathQuestion() : QString();
    if (path.isEmpty())
        return;
    m_exportPath = path;
    m_status->setText(tr("Exporting…"));
    emit exportRequested();
}

void AuditLogView::exportRows(const QList<AuditRow> &rows) {
    if (m_exportPath.isEmpty())
        return;
    QSaveFile file(m_exportPath);
    if (!file.open(QIODevice::WriteOnly)) {
        m_status->setText(tr("Could not write %1: %2").arg(m_exportPath, file.errorString()));
        return;
    }
    AuditTableModel::writeCsv(rows, file);
    if (!file.commit()) {
        m_status->setText(tr("Could not write %1: %2").arg(m_exportPath, file.errorString()));
        return;
    }
    m_status->setText(tr("Exported %n event(s) to %1.", nullptr, static_cast<int>(rows.size()))
                          .arg(m_exportPath));
    m_exportPath.clear();
}

void AuditLogView::showContextMenu(const QPoint &position) {
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const auto row = index.data(AuditTableModel::RowRole).value<AuditRow>();
    QMenu menu(this);
    if (row.actorId && row.actorKind == QLatin1String("caregiver")) {
        menu.addAction(tr("Only %1").arg(AuditTableModel::actorText(row)), this, [this, row] {
            AuditFilter narrowed = filter();
            narrowed.actorId = row.actorId;
            setFilter(narrowed);
            search();
        });
    }
    if (!row.subjectType.isEmpty()) {
        menu.addAction(tr("Only %1").arg(AuditTableModel::subjectText(row)), this, [this, row] {
            AuditFilter narrowed = filter();
            narrowed.subjectType = row.subjectType;
            narrowed.subjectId = row.subjectId;
            setFilter(narrowed);
            search();
        });
    }
    if (!menu.isEmpty())
        menu.exec(m_table->viewport()->mapToGlobal(position));
}

} // namespace caredesk::console
