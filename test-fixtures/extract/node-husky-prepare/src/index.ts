import nodemailer from 'nodemailer';

const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 25 });
transport.verify().then(() => console.log('mailer ready'));
