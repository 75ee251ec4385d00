#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

class QLabel;
class QWidget;

namespace caredesk::console {

// The refusals of a form, each said right under its field in red, whether the
// form found it before sending or the server did after (its error names the
// body field, "body.email", which maps to the field "email"). A form's other
// refusals go to its general label.
class FormErrors {
public:
    // A field: its key (the body field's name), the widget to focus and the
    // label that says what is wrong with it (hidden while nothing is).
    void addField(const QString &key, QWidget *input, QLabel *label);
    void setGeneralLabel(QLabel *label);

    void set(const QString &key, const QString &text);
    void setGeneral(const QString &text);
    void clear(const QString &key) { set(key, {}); }
    void clearAll();
    // What is said at the field ("" when nothing), or at the general label for "".
    QString text(const QString &key) const;
    bool any() const;

    // The server's field path ("body.displayName") as a field key, when the
    // form has that field; otherwise "".
    QString keyOf(const QString &fieldPath) const;
    // Says text at the field the server named, or at the general label.
    void showServerError(const QString &fieldPath, const QString &text);
    void focusFirst() const;

    // A red label for under a field.
    static QLabel *makeLabel(QWidget *parent, const QString &objectName);

private:
    struct Field {
        QPointer<QWidget> input;
        QPointer<QLabel> label;
    };
    QList<QString> m_order;
    QHash<QString, Field> m_fields;
    QPointer<QLabel> m_general;
};

} // namespace caredesk::console
