// The sandbox's WeChat puppet loads Wechaty (about 90 MB): only a process that runs the chat gateway imports it.
export { createSandboxWechat } from './sandbox-wechat.ts';
