// Forum forms, enhanced: the preview without leaving the page, and member
// suggestions after "@". Without this file the forms work the same way
// (the "Preview" button then reloads the page with the preview).
(function () {
  "use strict";

  function post(url, form, fields) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    Object.keys(fields).forEach(function (name) { data.append(name, fields[name]); });
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  }

  function enhancePreview(form, body) {
    var button = form.querySelector(".forum-preview-button");
    var area = form.querySelector(".forum-preview-area");
    if (!button || !area) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      post(form.dataset.previewUrl, form, { body: body.value })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.statusText); }
          return response.text();
        })
        // The fragment is the server's rendering, sanitised like every post.
        .then(function (html) { area.innerHTML = html; })
        .catch(function () { form.requestSubmit(button); });
    });
  }

  function enhanceMentions(form, body) {
    var url = form.dataset.membersUrl;
    var list = document.createElement("ul");
    var timer = null;
    list.className = "list-group forum-mentions";
    list.hidden = true;
    body.insertAdjacentElement("afterend", list);

    function typedHandle() {
      var before = body.value.slice(0, body.selectionStart);
      var match = /(^|\s)@([\p{L}\p{N}.'’-]{2,})$/u.exec(before);
      return match ? match[2] : null;
    }

    function choose(handle) {
      var end = body.selectionStart;
      var start = body.value.lastIndexOf("@", end - 1);
      body.value = body.value.slice(0, start) + "@" + handle + " " + body.value.slice(end);
      body.selectionStart = body.selectionEnd = start + handle.length + 2;
      list.hidden = true;
      body.focus();
    }

    function show(members) {
      list.replaceChildren();
      members.forEach(function (member) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        item.className = "list-group-item p-0";
        button.type = "button";
        button.className = "btn btn-link text-start w-100";
        button.textContent = member.name + " (@" + member.handle + ")";
        button.addEventListener("click", function () { choose(member.handle); });
        item.appendChild(button);
        list.appendChild(item);
      });
      list.hidden = members.length === 0;
    }

    body.addEventListener("input", function () {
      var handle = typedHandle();
      clearTimeout(timer);
      if (!handle) { list.hidden = true; return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(handle), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(show)
          .catch(function () { list.hidden = true; });
      }, 250);
    });
    body.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
    });
  }

  document.querySelectorAll("form.forum-post-form").forEach(function (form) {
    var body = form.elements.body;
    if (!body) { return; }
    enhancePreview(form, body);
    if (form.dataset.membersUrl) { enhanceMentions(form, body); }
  });
})();
