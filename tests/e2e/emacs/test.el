;;; test.el --- end-to-end test of `ptg lsp' in Emacs 29+ with its built-in eglot  -*- lexical-binding: t -*-

;; Driven headless by tests/e2e/run.sh:
;;
;;   emacs -Q --batch -l tests/e2e/emacs/test.el
;;
;; Eglot (1.17, Emacs 30) offers positionEncodings utf-32, utf-8, utf-16; the server should
;; pick utf-32 or utf-8.  Every position is checked in Emacs's own units (buffer positions =
;; characters) by extracting the text the diagnostic covers, never by comparing numbers.
;;
;; Environment (set by run.sh): PTG_BIN, PTG_E2E_FILE, PTG_E2E_FMT, PTG_E2E_FIX,
;; PTG_E2E_RESULTS, PTG_E2E_OUT -- see tests/e2e/nvim/test.lua.
;;
;; Keep the client setup in sync with docs/editors.md ("Emacs (eglot)").

;;; Code:

(require 'cl-lib)
(require 'subr-x)
(require 'eglot)
(require 'flymake)

(defconst ptg-e2e-rule "satisfaction-needs-lower-bound")
(defconst ptg-e2e-rule-code "L211")
(defconst ptg-e2e-test-line "        \"服务对象满意度🙂\" 95%")
(defconst ptg-e2e-expected-completion '("数量指标" "质量指标" "时效指标"))

(defun ptg-e2e-env (name)
  (let ((v (getenv name)))
    (if (or (null v) (string-empty-p v)) (error "Missing environment variable %s" name) v)))

(defvar ptg-e2e-results (ptg-e2e-env "PTG_E2E_RESULTS"))
(defvar ptg-e2e-out (ptg-e2e-env "PTG_E2E_OUT"))

(defun ptg-e2e-write (line)
  (let ((coding-system-for-write 'utf-8-unix))
    (write-region (concat (replace-regexp-in-string "\n" " " line) "\n") nil ptg-e2e-results 'append 'silent)))

(defun ptg-e2e-report (ok check detail)
  (ptg-e2e-write (format "%s %s %s" (if ok "PASS" "FAIL") check detail)))

(defun ptg-e2e-read-file (path)
  (with-temp-buffer
    (let ((coding-system-for-read 'utf-8-unix))
      (insert-file-contents-literally path)
      (decode-coding-region (point-min) (point-max) 'utf-8-unix)
      (buffer-string))))

(defun ptg-e2e-save (name text)
  (let ((coding-system-for-write 'utf-8-unix))
    (with-temp-file (expand-file-name name ptg-e2e-out) (insert text))))

(defun ptg-e2e-wait (seconds pred)
  "Process events until PRED returns non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

;;; A minimal major mode, and the eglot configuration documented in docs/editors.md.

(define-derived-mode ptg-mode prog-mode "PTG"
  "Major mode for PTG performance-target files."
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("\\.ptg\\'" . ptg-mode))
(add-to-list 'eglot-server-programs
             `(ptg-mode . (,(ptg-e2e-env "PTG_BIN") "lsp")))

(setq eglot-sync-connect t
      eglot-connect-timeout 20
      eglot-confirm-server-edits nil
      eglot-events-buffer-config '(:size 2000000 :format full)
      eglot-send-changes-idle-time 0.1)

;;; Every notification the server sends, recorded before eglot handles it.

(defvar ptg-e2e-notifications nil "List of (SEQ METHOD . PARAMS), newest first.")
(defvar ptg-e2e-seq 0)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (push (cons (cl-incf ptg-e2e-seq) (cons method params)) ptg-e2e-notifications)))

(defun ptg-e2e-published-since (seq uri)
  "The publishDiagnostics notifications for URI after SEQ, newest first."
  (cl-remove-if-not (lambda (n) (and (> (car n) seq)
                                     (eq (cadr n) 'textDocument/publishDiagnostics)
                                     (equal (plist-get (cddr n) :uri) uri)))
                    ptg-e2e-notifications))

(defun ptg-e2e-our-diag-p (lsp-diag)
  (member (format "%s" (plist-get lsp-diag :code)) (list ptg-e2e-rule ptg-e2e-rule-code)))

(defun ptg-e2e-lsp-diag (flymake-diag)
  (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data flymake-diag))))

(defun ptg-e2e-buffer-text ()
  (save-restriction (widen) (buffer-substring-no-properties (point-min) (point-max))))

(defun ptg-e2e-run ()
  (let* ((file (ptg-e2e-env "PTG_E2E_FILE"))
         (buf (find-file-noselect file))
         server original uri)
    (set-buffer buf)
    (unless (eq major-mode 'ptg-mode) (ptg-mode))
    (setq original (ptg-e2e-buffer-text))
    ;; `eglot-ensure' connects from `post-command-hook', which never runs in --batch.
    (eglot-ensure)
    (run-hooks 'post-command-hook)
    (setq server (ptg-e2e-wait 30 (lambda () (eglot-current-server))))
    (unless server (error "Eglot did not connect to the server"))
    (setq uri (plist-get (eglot--TextDocumentIdentifier) :uri))

    ;; The negotiated position encoding.
    (let ((enc (plist-get (eglot--capabilities server) :positionEncoding)))
      (ptg-e2e-write (format "INFO emacs:encoding client offered utf-32,utf-8,utf-16; server chose %s"
                             (or enc "(nothing: utf-16)")))
      (ptg-e2e-report (and enc (not (equal enc "utf-16")))
                      "emacs:encoding"
                      (format "negotiated positionEncoding %s (must not be utf-16 when utf-32/utf-8 are offered)"
                              (or enc "(not sent, i.e. utf-16)"))))

    ;; (a) the diagnostic lands exactly on `95%'.
    (let* ((test-line (save-excursion
                        (goto-char (point-min))
                        (when (search-forward ptg-e2e-test-line nil t)
                          (line-number-at-pos (match-beginning 0)))))
           (ours (lambda ()
                   (cl-remove-if-not (lambda (d) (ptg-e2e-our-diag-p (ptg-e2e-lsp-diag d)))
                                     (flymake-diagnostics))))
           (diags (progn
                    ;; Wait for the server's first publication, then run flymake: in --batch
                    ;; the buffer is never displayed, so flymake-mode defers its first check.
                    (ptg-e2e-wait 20 (lambda () (ptg-e2e-published-since 0 uri)))
                    (flymake-start)
                    (ptg-e2e-wait 10 ours))))
      (unless test-line (error "Fixture lacks the line %s" ptg-e2e-test-line))
      (if (/= (length diags) 1)
          (ptg-e2e-report nil "emacs:diagnostic-range"
                          (format "expected 1 %s diagnostic, got %d (all: %S)" ptg-e2e-rule (length diags)
                                  (mapcar (lambda (d) (flymake-diagnostic-text d)) (flymake-diagnostics))))
        (let* ((d (car diags))
               (beg (flymake-diagnostic-beg d))
               (end (flymake-diagnostic-end d))
               (text (buffer-substring-no-properties beg end))
               (range (plist-get (ptg-e2e-lsp-diag d) :range))
               (where (format "line %d, chars %d-%d (LSP %s:%s-%s:%s)"
                              (line-number-at-pos beg)
                              (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                              (save-excursion (goto-char beg) (- end (line-beginning-position)))
                              (plist-get (plist-get range :start) :line)
                              (plist-get (plist-get range :start) :character)
                              (plist-get (plist-get range :end) :line)
                              (plist-get (plist-get range :end) :character))))
          (ptg-e2e-report (and (= (line-number-at-pos beg) test-line) (equal text "95%"))
                          "emacs:diagnostic-range"
                          (format "underlines %S at %s%s" text where
                                  (if (equal text "95%") "" (format "; expected \"95%%\" on line %d" test-line)))))))

    ;; (b) completion inside `产出指标 { | }', through eglot's completion-at-point function.
    (goto-char (point-min))
    (if (not (re-search-forward "产出指标 {" nil t))
        (error "Fixture lacks `产出指标 {'")
      (forward-char 1)
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf))
             (proxies (and table (all-completions "" table)))
             (labels (mapcar (lambda (p) (or (plist-get (get-text-property 0 'eglot--lsp-item p) :label) p))
                             proxies))
             (pos (eglot--pos-to-lsp-position (point))))
        (ptg-e2e-report (equal (sort (copy-sequence labels) #'string<)
                               (sort (copy-sequence ptg-e2e-expected-completion) #'string<))
                        "emacs:completion"
                        (format "at %s:%s offers [%s]%s" (plist-get pos :line) (plist-get pos :character)
                                (string-join labels ", ")
                                (if (equal (sort (copy-sequence labels) #'string<)
                                           (sort (copy-sequence ptg-e2e-expected-completion) #'string<))
                                    ""
                                  (format "; expected exactly [%s]" (string-join ptg-e2e-expected-completion ", ")))))))

    ;; (d) the quick fix for satisfaction-needs-lower-bound.
    (let ((d (car (cl-remove-if-not (lambda (d) (ptg-e2e-our-diag-p (ptg-e2e-lsp-diag d)))
                                    (flymake-diagnostics)))))
      (if (not d)
          (ptg-e2e-report nil "emacs:quick-fix" (format "no %s diagnostic to fix" ptg-e2e-rule))
        (let* ((actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix"))
               (linked (cl-remove-if-not
                        (lambda (a) (or (null (plist-get a :diagnostics))
                                        (cl-some #'ptg-e2e-our-diag-p (append (plist-get a :diagnostics) nil))))
                        actions))
               (chosen (or (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) linked) (car linked))))
          (if (not chosen)
              (ptg-e2e-report nil "emacs:quick-fix"
                              (format "no quickfix code action for %s (got: %S)" ptg-e2e-rule
                                      (mapcar (lambda (a) (plist-get a :title)) actions)))
            (eglot-execute server chosen)
            (let ((fixed (ptg-e2e-buffer-text))
                  (expected (ptg-e2e-read-file (ptg-e2e-env "PTG_E2E_FIX"))))
              (if (equal fixed expected)
                  (ptg-e2e-report t "emacs:quick-fix"
                                  (format "%S gives the same text as ptg check --fix" (plist-get chosen :title)))
                (ptg-e2e-save "emacs-fixed.ptg" fixed)
                (ptg-e2e-report nil "emacs:quick-fix"
                                (format "%S differs from ptg check --fix (actual: %s/emacs-fixed.ptg)"
                                        (plist-get chosen :title) ptg-e2e-out))))))))
    ;; Back to the original text (sent to the server as didChange before the next request).
    (let ((inhibit-read-only t))
      (erase-buffer)
      (insert original))

    ;; (c) formatting.
    (condition-case err
        (progn
          (eglot-format-buffer)
          (let ((formatted (ptg-e2e-buffer-text))
                (expected (ptg-e2e-read-file (ptg-e2e-env "PTG_E2E_FMT"))))
            (if (equal formatted expected)
                (ptg-e2e-report t "emacs:format" "eglot-format-buffer gives the same text as ptg fmt")
              (ptg-e2e-save "emacs-formatted.ptg" formatted)
              (ptg-e2e-report nil "emacs:format"
                              (format "eglot-format-buffer gives text that differs from ptg fmt (actual: %s/emacs-formatted.ptg)"
                                      ptg-e2e-out)))))
      (error (ptg-e2e-report nil "emacs:format" (format "eglot-format-buffer failed: %s" (error-message-string err)))))

    ;; (e) closing the buffer clears its diagnostics.
    (let ((before ptg-e2e-seq))
      (set-buffer-modified-p nil)
      (kill-buffer buf)                 ; eglot sends textDocument/didClose from kill-buffer-hook
      (let ((cleared (ptg-e2e-wait 10 (lambda ()
                                        (cl-some (lambda (n) (zerop (length (plist-get (cddr n) :diagnostics))))
                                                 (ptg-e2e-published-since before uri))))))
        (ptg-e2e-report cleared "emacs:close-clears"
                        (if cleared "didClose → publishDiagnostics with [] for the file"
                          (format "no empty publishDiagnostics for the file within 10 s after didClose (counts published after close: %S)"
                                  (mapcar (lambda (n) (length (plist-get (cddr n) :diagnostics)))
                                          (ptg-e2e-published-since before uri)))))))

    (ptg-e2e-dump-events)
    (ignore-errors (eglot-shutdown server nil 5))))

(defun ptg-e2e-dump-events ()
  "Save eglot's events buffer (the JSON-RPC log) for a failed run."
  (dolist (b (buffer-list))
    (when (string-match-p "EGLOT .* events" (buffer-name b))
      (with-current-buffer b
        (ptg-e2e-save "emacs-eglot-events.log" (buffer-substring-no-properties (point-min) (point-max)))))))

(condition-case err
    (progn
      (ptg-e2e-run)
      (kill-emacs 0))
  (error
   (ptg-e2e-report nil "emacs:script" (format "%s" (error-message-string err)))
   (ptg-e2e-dump-events)
   (kill-emacs 3)))

;;; test.el ends here
