#include "ui/FormErrors.h"

#include <QLabel>
#include <QWidget>

namespace caredesk::console {

void FormErrors::addField(const QString &key, QWidget *input, QLabel *label) {
    m_order.append(key);
    m_fields.insert(key, {input, label});
    label->hide();
}

void FormErrors::setGeneralLabel(QLabel *label) {
    m_general = label;
    label->hide();
}

void FormErrors::set(const QString &key, const QString &text) {
    if (key.isEmpty()) {
        setGeneral(text);
        return;
    }
    const auto field = m_fields.constFind(key);
    if (field == m_fields.cend() || !field->label)
        return;
    field->label->setText(text);
    field->label->setVisible(!text.isEmpty());
}

void FormErrors::setGeneral(const QString &text) {
    if (!m_general)
        return;
    m_general->setText(text);
    m_general->setVisible(!text.isEmpty());
}

void FormErrors::clearAll() {
    for (const QString &key : std::as_const(m_order))
        set(key, {});
    setGeneral({});
}

QString FormErrors::text(const QString &key) const {
    if (key.isEmpty())
        return m_general && !m_general->isHidden() ? m_general->text() : QString();
    const auto field = m_fields.constFind(key);
    if (field == m_fields.cend() || !field->label || field->label->isHidden())
        return {};
    return field->label->text();
}

bool FormErrors::any() const {
    for (const QString &key : m_order) {
        if (!text(key).isEmpty())
            return true;
    }
    return !text({}).isEmpty();
}

QString FormErrors::keyOf(const QString &fieldPath) const {
    QString key = fieldPath;
    if (key.startsWith(QLatin1String("body.")))
        key = key.mid(5);
    return m_fields.contains(key) ? key : QString();
}

void FormErrors::showServerError(const QString &fieldPath, const QString &text) {
    const QString key = keyOf(fieldPath);
    set(key, text);
    if (!key.isEmpty()) {
        if (QWidget *input = m_fields.value(key).input)
            input->setFocus();
    }
}

void FormErrors::focusFirst() const {
    for (const QString &key : m_order) {
        if (text(key).isEmpty())
            continue;
        if (QWidget *input = m_fields.value(key).input) {
            input->setFocus();
            return;
        }
    }
}

QLabel *FormErrors::makeLabel(QWidget *parent, const QString &objectName) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette colours = label->palette();
    colours.setColor(QPalette::WindowText, QColor(0xb9, 0x1c, 0x1c));
    label->setPalette(colours);
    return label;
}

} // namespace caredesk::console
