// WeChat JS-SDK custom share card (optional; site settings turn it on with the AppID of a
// certified official account and the address of a signature endpoint). Only inside WeChat:
// loads the SDK, asks the endpoint to sign this page's address, and sets the card. Elsewhere,
// and whenever anything fails, WeChat falls back to the page's itemprop/og tags.
(() => {
  "use strict";

  const config = document.currentScript && document.currentScript.dataset;
  if (!config || !/MicroMessenger/i.test(navigator.userAgent)) return;

  const pageUrl = window.location.href.split("#")[0];
  const card = {
    title: config.title,
    desc: config.description,
    link: config.link || pageUrl,
    imgUrl: config.image,
  };

  const loadSdk = () =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = config.sdk;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });

  const signature = () =>
    fetch(`${config.signatureUrl}?url=${encodeURIComponent(pageUrl)}`, {
      credentials: "omit",
    }).then((response) => {
      if (!response.ok) throw new Error(`signature endpoint: ${response.status}`);
      return response.json();
    });

  Promise.all([loadSdk(), signature()])
    .then(([, signed]) => {
      const wx = window.wx;
      wx.config({
        debug: false,
        appId: config.appId,
        timestamp: signed.timestamp,
        nonceStr: signed.nonceStr,
        signature: signed.signature,
        jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"],
      });
      wx.ready(() => {
        wx.updateAppMessageShareData(card);
        wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
      });
    })
    .catch(() => {
      /* the plain share card (itemprop, og) stays */
    });
})();
