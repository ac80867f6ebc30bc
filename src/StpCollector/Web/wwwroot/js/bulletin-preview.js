// The bulletin editorial's live preview. The page works without this: the Preview button shows the same.
// A moment after typing stops, the form is posted to the preview's own sandboxed address, targeting the preview
// frame (so the bulletin's markup never runs as the console), and the text part is fetched and shown as text.
(function () {
    "use strict";
    var form = document.getElementById("editorial-form");
    var text = document.getElementById("preview-text");
    if (!form || !text || !window.fetch || !window.FormData) {
        return;
    }

    var timer = null;

    function refresh() {
        var submit = HTMLFormElement.prototype.submit;
        form.setAttribute("action", form.getAttribute("data-frame-action"));
        form.setAttribute("target", form.getAttribute("data-frame-name"));
        submit.call(form);
        form.removeAttribute("action");
        form.removeAttribute("target");

        fetch(form.getAttribute("data-text-action"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (response) { return response.text(); })
            .then(function (body) {
                text.textContent = body;
                var problem = document.getElementById("preview-problem");
                if (problem) {
                    problem.parentNode.removeChild(problem);
                }
            })
            .catch(function () { /* the Preview button still works */ });
    }

    form.addEventListener("input", function () {
        if (timer !== null) {
            window.clearTimeout(timer);
        }
        timer = window.setTimeout(refresh, 600);
    });
})();
