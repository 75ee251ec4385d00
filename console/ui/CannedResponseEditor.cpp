#include "ui/CannedResponseEditor.h"

#include "domain/CannedPlaceholders.h"
#include "protocol/ChatMessages.h"
#include "state/ProtocolText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {
const QString kErrorStyle = QStringLiteral("color: #B91C1C;");
} // namespace

CannedResponseEditor::CannedResponseEditor(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(tr("New response"), this))
    , m_shortcut(new QLineEdit(this))
    , m_title(new QLineEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_delete(new QPushButton(tr("Delete…"), this)) {
    setObjectName(QStringLiteral("cannedResponseEditor"));
    setWindowTitle(tr("Canned responses"));
    m_deleteQuestion = [this](const QString &shortcut) {
        return QMessageBox::question(this, tr("Delete canned response"),
                                     tr("Delete /%1? Staff can no longer insert it.")
                                         .arg(shortcut)) == QMessageBox::Yes;
    };

    m_list->setObjectName(QStringLiteral("cannedResponseList"));
    m_new->setObjectName(QStringLiteral("newCannedResponse"));
    m_shortcut->setObjectName(QStringLiteral("cannedShortcut"));
    m_shortcut->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[a-z0-9_-]{0,%1}")
                               .arg(protocol::kMaxCannedShortcutBytes)),
        m_shortcut));
    m_shortcut->setPlaceholderText(tr("e.g. wait (typed as /wait)"));
    m_title->setObjectName(QStringLiteral("cannedTitle"));
    m_title->setMaxLength(static_cast<int>(protocol::kMaxCannedTitleBytes));
    m_body->setObjectName(QStringLiteral("cannedBody"));
    m_body->setTabChangesFocus(true);
    m_message->setObjectName(QStringLiteral("cannedMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_save->setObjectName(QStringLiteral("saveCannedResponse"));
    m_save->setDefault(true);
    m_delete->setObjectName(QStringLiteral("deleteCannedResponse"));

    auto *placeholders = new QLabel(
        tr("Placeholders, filled in when a response is inserted: {firstName} the patient's "
           "first name, {state} where they are, {wait} their estimated wait, {myName} your "
           "name."),
        this);
    placeholders->setWordWrap(true);
    placeholders->setForegroundRole(QPalette::PlaceholderText);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_new);

    auto *right = new QWidget(this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Shortcut"), m_shortcut);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("Te&xt"), m_body);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(form, 1);
    rightLayout->addWidget(placeholders);
    rightLayout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    rightLayout->addLayout(buttons);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 2);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(close);
    resize(820, 480);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_new, &QPushButton::clicked, this, &CannedResponseEditor::startNew);
    connect(m_list, &QListWidget::currentRowChanged, this, &CannedResponseEditor::edit);
    connect(m_shortcut, &QLineEdit::textChanged, this, &CannedResponseEditor::validate);
    connect(m_title, &QLineEdit::textChanged, this, &CannedResponseEditor::validate);
    connect(m_body, &QPlainTextEdit::textChanged, this, &CannedResponseEditor::validate);
    connect(m_save, &QPushButton::clicked, this, &CannedResponseEditor::save);
    connect(m_delete, &QPushButton::clicked, this, &CannedResponseEditor::remove);
    startNew();
}

void CannedResponseEditor::setDeleteQuestion(std::function<bool(const QString &)> question) {
    m_deleteQuestion = std::move(question);
}

QString CannedResponseEditor::messageText() const {
    return m_message->text();
}

void CannedResponseEditor::setResponses(const QList<CannedResponseRow> &responses) {
    m_responses = responses;
    const QSignalBlocker block(m_list);
    m_list->clear();
    int current = -1;
    for (const CannedResponseRow &response : responses) {
        auto *item = new QListWidgetItem(tr("/%1 — %2").arg(response.shortcut, response.title),
                                         m_list);
        item->setData(Qt::UserRole, response.id);
        if (response.id == m_editingId && m_editingId != 0)
            current = m_list->count() - 1;
    }
    // What is being edited stays in the form; the list only follows.
    if (current >= 0)
        m_list->setCurrentRow(current);
}

const CannedResponseRow *CannedResponseEditor::selected() const {
    for (const CannedResponseRow &response : m_responses) {
        if (response.id == m_editingId)
            return &response;
    }
    return nullptr;
}

void CannedResponseEditor::startNew() {
    m_editingId = 0;
    m_editingVersion = 0;
    {
        const QSignalBlocker block(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    m_shortcut->clear();
    m_title->clear();
    m_body->clear();
    m_delete->setEnabled(false);
    m_message->clear();
    m_shortcut->setFocus();
    validate();
}

void CannedResponseEditor::edit(int row) {
    if (row < 0 || row >= m_responses.size())
        return;
    const CannedResponseRow &response = m_responses[row];
    m_editingId = response.id;
    m_editingVersion = response.version;
    m_shortcut->setText(response.shortcut);
    m_title->setText(response.title);
    m_body->setPlainText(response.body);
    m_delete->setEnabled(true);
    m_message->clear();
    validate();
}

void CannedResponseEditor::validate() {
    QString problem;
    const QString body = m_body->toPlainText();
    if (m_shortcut->text().isEmpty())
        problem = tr("A shortcut is needed: lower-case letters, digits, - and _.");
    else if (m_title->text().trimmed().isEmpty())
        problem = tr("A title is needed.");
    else if (body.trimmed().isEmpty())
        problem = tr("The text is empty.");
    else if (body.toUcs4().size() > static_cast<qsizetype>(protocol::kMaxChatCharacters))
        problem = tr("The text is too long: at most %L1 characters.")
                      .arg(static_cast<qlonglong>(protocol::kMaxChatCharacters));
    else if (const auto placeholder = domain::validateCannedPlaceholders(body.toStdString()))
        problem = fromStd(*placeholder);
    m_save->setEnabled(problem.isEmpty() && !m_saving);
    if (!problem.isEmpty() || m_message->styleSheet() == kErrorStyle) {
        m_message->setStyleSheet(problem.isEmpty() ? QString() : kErrorStyle);
        m_message->setText(problem);
    }
}

void CannedResponseEditor::save() {
    if (!m_save->isEnabled())
        return;
    m_saving = true;
    m_save->setEnabled(false);
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Saving…"));
    emit saveRequested({m_editingId, m_shortcut->text(), m_title->text().trimmed(),
                        m_body->toPlainText(), m_editingVersion});
}

void CannedResponseEditor::remove() {
    if (m_editingId == 0 || !m_deleteQuestion(m_shortcut->text()))
        return;
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Deleting…"));
    emit deleteRequested(m_editingId, m_editingVersion);
}

void CannedResponseEditor::showSaved(const CannedResponseRow &response) {
    m_saving = false;
    m_editingId = response.id;
    m_editingVersion = response.version;
    m_delete->setEnabled(true);
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Saved /%1. Staff see it the next time they open the list.")
                           .arg(response.shortcut));
    validate();
}

void CannedResponseEditor::showDeleted(qint64 id) {
    if (id == m_editingId)
        startNew();
    m_message->setText(tr("Deleted."));
}

void CannedResponseEditor::showFailed(const QString &code, const QString &message,
                                      const QString &field) {
    m_saving = false;
    QString text = message;
    if (code == QLatin1String("conflict") && field != QLatin1String("body.shortcut"))
        text = tr("A colleague changed or deleted this response since you opened it. Your text "
                  "is still here: copy it, pick the response again to see theirs, then save.");
    else if (code == QLatin1String("forbidden"))
        text = tr("Only admins change canned responses.");
    m_message->setStyleSheet(kErrorStyle);
    m_message->setText(text);
    if (field == QLatin1String("body.shortcut"))
        m_shortcut->setFocus();
    else if (field == QLatin1String("body.title"))
        m_title->setFocus();
    else if (field == QLatin1String("body.body"))
        m_body->setFocus();
    m_save->setEnabled(true);
}

} // namespace caredesk::console
