#include "ui/CannedResponsePicker.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace caredesk::console {

CannedResponsePicker::CannedResponsePicker(QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_preview(new QLabel(this)) {
    setObjectName(QStringLiteral("cannedResponsePicker"));
    setWindowTitle(tr("Canned responses"));
    m_filter->setObjectName(QStringLiteral("cannedFilter"));
    m_filter->setPlaceholderText(tr("Filter by shortcut, title or text"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("cannedList"));
    m_list->setUniformItemSizes(true);
    m_preview->setObjectName(QStringLiteral("cannedPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setMinimumHeight(m_preview->fontMetrics().lineSpacing() * 4);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setMargin(6);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(new QLabel(tr("Inserted as:"), this));
    layout->addWidget(m_preview);
    resize(460, 420);

    connect(m_filter, &QLineEdit::textChanged, this, &CannedResponsePicker::refill);
    connect(m_list, &QListWidget::currentRowChanged, this, &CannedResponsePicker::updatePreview);
    connect(m_list, &QListWidget::itemActivated, this, &CannedResponsePicker::choose);
}

void CannedResponsePicker::setResponses(const QList<CannedResponseRow> &responses) {
    m_responses = responses;
    refill();
}

void CannedResponsePicker::setExpander(std::function<QString(const QString &)> expander) {
    m_expander = std::move(expander);
    updatePreview();
}

void CannedResponsePicker::setFilter(const QString &filter) {
    m_filter->setText(filter);
}

QString CannedResponsePicker::filter() const {
    return m_filter->text();
}

QStringList CannedResponsePicker::visibleShortcuts() const {
    QStringList shortcuts;
    for (int row = 0; row < m_list->count(); ++row)
        shortcuts.append(m_list->item(row)->data(Qt::UserRole).toString());
    return shortcuts;
}

void CannedResponsePicker::refill() {
    const QString filter = m_filter->text().trimmed();
    m_list->clear();
    // Shortcuts that start with what was typed come first, then any other match.
    QList<const CannedResponseRow *> first;
    QList<const CannedResponseRow *> rest;
    for (const CannedResponseRow &response : std::as_const(m_responses)) {
        if (filter.isEmpty() || response.shortcut.startsWith(filter, Qt::CaseInsensitive))
            first.append(&response);
        else if (response.shortcut.contains(filter, Qt::CaseInsensitive) ||
                 response.title.contains(filter, Qt::CaseInsensitive) ||
                 response.body.contains(filter, Qt::CaseInsensitive))
            rest.append(&response);
    }
    for (const CannedResponseRow *response : first + rest) {
        auto *item = new QListWidgetItem(
            tr("/%1 — %2").arg(response->shortcut, response->title), m_list);
        item->setData(Qt::UserRole, response->shortcut);
        item->setData(Qt::UserRole + 1, response->body);
        item->setToolTip(response->body);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    updatePreview();
}

void CannedResponsePicker::updatePreview() {
    const QListWidgetItem *item = m_list->currentItem();
    if (!item) {
        m_preview->setText(m_responses.isEmpty() ? tr("No canned responses yet: admins add them.")
                                                 : tr("Nothing matches."));
        return;
    }
    const QString body = item->data(Qt::UserRole + 1).toString();
    m_preview->setText(m_expander ? m_expander(body) : body);
}

void CannedResponsePicker::choose() {
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString body = item->data(Qt::UserRole + 1).toString();
    emit chosen(m_expander ? m_expander(body) : body);
    accept();
}

bool CannedResponsePicker::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row = std::clamp(m_list->currentRow() + step, 0, m_list->count() - 1);
            m_list->setCurrentRow(row);
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace caredesk::console
